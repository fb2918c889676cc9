// The OVF envelope as plain data (DSP0243, the parts CIMI's Annex A maps): files, disks, networks,
// a tree of virtual systems and their product properties. Everything else an envelope may hold
// (EULAs, OS sections, deployment options…) is dropped on reading.
//
// The interfaces are the public type; the zod schemas check the shape of a model handed in at run
// time (from JavaScript or a Pulumi program) before the cross-field rules of validate.ts run.
// Sizes are bytes everywhere, whatever unit the XML used.
import * as z from "zod";

export type OvfVersion = 1 | 2;

/** A file of the package (`References/File`). */
export interface OvfFile {
  id: string;
  /** As written in the envelope: normally a path relative to the descriptor. */
  href: string;
  /** Bytes, when the envelope states it. */
  size?: number;
}

/** A virtual disk (`DiskSection/Disk`). */
export interface OvfDisk {
  diskId: string;
  /** Bytes. Absent only when the envelope is incomplete (validation reports it). */
  capacityBytes?: number;
  /** Id of the File holding the disk's content; absent for an empty disk. */
  fileRef?: string;
  /** Format URI, e.g. `http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized`. */
  format?: string;
}

/** A logical network (`NetworkSection/Network`). */
export interface OvfNetwork {
  name: string;
  description?: string;
}

/** A `ProductSection/Property`. Keys of sections with a class or instance are fully qualified. */
export interface OvfProperty {
  key: string;
  value?: string;
  /** OVF property type: `string`, `boolean`, `uint8` … `uint64`, `sint8` … `sint64`, `real32`, `real64`. */
  type: string;
  userConfigurable: boolean;
}

/** What a VirtualHardwareSection asks for (the first section when there are several). */
export interface OvfHardware {
  /** Virtual CPUs (ResourceType 3 VirtualQuantity). */
  cpus?: number;
  /** ResourceType 4, in bytes. */
  memoryBytes?: number;
  /** Disk drives (ResourceType 17) in the order of the section, by DiskSection disk id. */
  disks: { diskId: string }[];
  /** Ethernet adapters (ResourceType 10) in the order of the section, by NetworkSection name. */
  nics: { network: string }[];
}

export interface OvfVirtualSystem {
  kind: "VirtualSystem";
  /** `ovf:id`, unique in the envelope. */
  id: string;
  /** The `Name` element: a display name. */
  name?: string;
  /** Absent when the system has no VirtualHardwareSection (validation reports it). */
  hardware?: OvfHardware;
  properties: OvfProperty[];
}

export interface OvfVirtualSystemCollection {
  kind: "VirtualSystemCollection";
  id: string;
  name?: string;
  properties: OvfProperty[];
  children: OvfEntity[];
}

export type OvfEntity = OvfVirtualSystem | OvfVirtualSystemCollection;

export interface OvfEnvelope {
  version: OvfVersion;
  references: OvfFile[];
  disks: OvfDisk[];
  networks: OvfNetwork[];
  /** The one VirtualSystem or VirtualSystemCollection of the envelope. */
  content: OvfEntity;
}

// Strict objects: a misspelt field (`cpu` for `cpus`) is refused instead of silently ignored.
const count = z.number().int();
const text = z.string();

export const OvfFileSchema: z.ZodType<OvfFile> = z.strictObject({ id: text, href: text, size: count.optional() });

export const OvfDiskSchema: z.ZodType<OvfDisk> = z.strictObject({
  diskId: text,
  capacityBytes: count.optional(),
  fileRef: text.optional(),
  format: text.optional(),
});

export const OvfNetworkSchema: z.ZodType<OvfNetwork> = z.strictObject({ name: text, description: text.optional() });

export const OvfPropertySchema: z.ZodType<OvfProperty> = z.strictObject({
  key: text,
  value: text.optional(),
  type: text,
  userConfigurable: z.boolean(),
});

export const OvfHardwareSchema: z.ZodType<OvfHardware> = z.strictObject({
  cpus: count.optional(),
  memoryBytes: count.optional(),
  disks: z.array(z.strictObject({ diskId: text })),
  nics: z.array(z.strictObject({ network: text })),
});

export const OvfEntitySchema: z.ZodType<OvfEntity> = z.lazy(() =>
  z.discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("VirtualSystem"),
      id: text,
      name: text.optional(),
      hardware: OvfHardwareSchema.optional(),
      properties: z.array(OvfPropertySchema),
    }),
    z.strictObject({
      kind: z.literal("VirtualSystemCollection"),
      id: text,
      name: text.optional(),
      properties: z.array(OvfPropertySchema),
      children: z.array(OvfEntitySchema),
    }),
  ]),
);

export const OvfEnvelopeSchema: z.ZodType<OvfEnvelope> = z.strictObject({
  version: z.union([z.literal(1), z.literal(2)]),
  references: z.array(OvfFileSchema),
  disks: z.array(OvfDiskSchema),
  networks: z.array(OvfNetworkSchema),
  content: OvfEntitySchema,
});

/** Every system of the tree, parents before their children. */
export function* entities(root: OvfEntity): Generator<OvfEntity> {
  yield root;
  if (root.kind === "VirtualSystemCollection") for (const child of root.children) yield* entities(child);
}

/** Every VirtualSystem of the tree, in document order. */
export function virtualSystems(root: OvfEntity): OvfVirtualSystem[] {
  return [...entities(root)].filter((e): e is OvfVirtualSystem => e.kind === "VirtualSystem");
}
