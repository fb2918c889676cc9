// Reading a ResourceMetadata entry: capabilities, and which attributes may change in place.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { dist, VECTORS } from "../../helpers/dist";

const { metadataOf } = dist("provider/src/client/metadata.js");
const { xmlCodec } = dist("provider/src/client/codec/xml.js");

describe("ResourceMetadata entries", () => {
  it("reads the shared vector's capabilities, and no mutability where it says none", () => {
    const doc = JSON.parse(fs.readFileSync(path.join(VECTORS, "resource-metadata-machine.json"), "utf8"));
    const m = metadataOf(doc);
    expect(m.capabilities).toMatchObject({ DefaultInitialState: "STOPPED", InitialStates: "STARTED,STOPPED", UserData: "metadata" });
    expect(m.mutable).toEqual({});
  });

  it("reads mutable as JSON booleans or text, consumerWritable false as immutable, and skips extension attributes", () => {
    const m = metadataOf({
      attributes: [
        { name: "ip", mutable: false },
        { name: "mtu", mutable: "true" },
        { name: "hostname", mutable: true, consumerWritable: false },
        { name: "zone", namespace: "http://cloud.example.com/ext", mutable: true },
        { name: "dns", mutable: "perhaps" },
        { name: "mask" },
      ],
    });
    expect(m.mutable).toEqual({ ip: false, mtu: true, hostname: false });
  });

  it("reads mutable from XML, as a child element (which DSP8009 admits) or an attribute", () => {
    const xml = `<ResourceMetadata xmlns="http://schemas.dmtf.org/cimi/1"><id>http://c/resourceMetadata/AddressTemplate</id><typeURI>http://schemas.dmtf.org/cimi/1/AddressTemplate</typeURI><name>AddressTemplate</name>` +
      `<attribute name="ip"><mutable>false</mutable></attribute><attribute name="mtu" mutable="true"/></ResourceMetadata>`;
    expect(metadataOf(xmlCodec.parse(xml)).mutable).toEqual({ ip: false, mtu: true });
  });

  it("is empty for a type the cloud does not describe", () => {
    expect(metadataOf(undefined)).toEqual({ capabilities: {}, mutable: {} });
  });
});
