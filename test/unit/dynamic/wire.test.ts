// Inputs to CIMI documents and back, from the catalog fields: paths, lists of references, types
// given by kind, fields of objects at their own paths, and partial PUT bodies.
import { describe, expect, it } from "vitest";
import { dist } from "../../helpers/dist";

const { createBody, updateBody, encode, decode } = dist("provider/src/dynamic/wire.js");
const { SystemTemplate } = dist("provider/src/catalog/system.js");
const { ForwardingGroup } = dist("provider/src/catalog/network.js");
const { Volume } = dist("provider/src/catalog/storage.js");
const { MachineTemplate } = dist("provider/src/catalog/compute.js");

const NS = "http://schemas.dmtf.org/cimi/1";
const H = "http://c/cimi";

describe("wire mapping", () => {
  it("puts template-wrapped inputs where the create request wants them", () => {
    expect(createBody(Volume, { name: "v", config: `${H}/volumeConfigs/a`, image: `${H}/volumeImages/b` })).toEqual({
      name: "v",
      volumeTemplate: { volumeConfig: { href: `${H}/volumeConfigs/a` }, volumeImage: { href: `${H}/volumeImages/b` } },
    });
  });

  it("sends a list of references as [{href}] and reads it back", () => {
    const body = createBody(ForwardingGroup, { networks: [`${H}/networks/1`, `${H}/networks/2`] });
    expect(body).toEqual({ forwardingGroupTemplate: { networks: [{ href: `${H}/networks/1` }, { href: `${H}/networks/2` }] } });
    expect(decode(ForwardingGroup.fields.networks.type, body.forwardingGroupTemplate.networks)).toEqual([`${H}/networks/1`, `${H}/networks/2`]);
  });

  it("places the fields of objects at their own paths and sends types as type URIs, both ways", () => {
    const type = SystemTemplate.fields.componentDescriptors.type;
    const given = [{ name: "web", type: "Machine", machineTemplate: `${H}/machineTemplates/t`, quantity: 2 }];
    const wire = [{ name: "web", type: `${NS}/Machine`, machineTemplate: { href: `${H}/machineTemplates/t` }, quantity: 2 }];
    expect(encode(type, given)).toEqual(wire);
    expect(decode(type, [{ ...wire[0], extra: "kept by the server" }])).toEqual(given);
  });

  it("a PUT body keeps what the server sent and changes only the named fields; a removed reference goes whole", () => {
    const doc = {
      id: `${H}/machineTemplates/1`,
      resourceURI: `${NS}/MachineTemplate`,
      name: "t",
      description: "old",
      vendorExtension: { x: 1 },
      machineConfig: { href: `${H}/machineConfigs/a` },
      credential: { href: `${H}/credentials/c` },
      operations: [{ rel: "edit", href: "x" }],
    };
    const body = updateBody(MachineTemplate, doc, { name: "t", description: "new", config: `${H}/machineConfigs/b` }, ["description", "config", "credential"]);
    expect(body).toEqual({
      id: doc.id,
      name: "t",
      description: "new",
      vendorExtension: { x: 1 },
      machineConfig: { href: `${H}/machineConfigs/b` },
    });
  });
});
