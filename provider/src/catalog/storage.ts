// Storage resources of CIMI 1.x (SPEC §11.2): volumes, what they are made from, and their images.
import type { CatalogEntry } from "./types";
import { ref, str, int, wrapped, selfCreated, membership } from "./common";

const VOLUME_STATES = { stable: ["AVAILABLE"], failed: ["ERROR"], deleting: ["DELETING"] } as const;

export const Volume: CatalogEntry = wrapped({
  kind: "Volume",
  doc: "A block storage volume, created from a VolumeTemplate or from a configuration and an optional image.",
  cepKey: "volumes",
  member: "volumes",
  wrapper: "VolumeCreate",
  template: "volumeTemplate",
  fields: {
    template: { type: ref("VolumeTemplate"), doc: "Href of the VolumeTemplate to create the volume from; config and image override it.", input: { change: "replace" }, create: "volumeTemplate.href" },
    config: { type: ref("VolumeConfiguration"), doc: "Href of the VolumeConfiguration (capacity, type, format).", input: { change: "replace" }, create: "volumeTemplate.volumeConfig.href" },
    image: { type: ref("VolumeImage"), doc: "Href of the VolumeImage giving the initial content.", input: { change: "replace" }, create: "volumeTemplate.volumeImage.href" },
    state: { type: str(), doc: "CREATING, AVAILABLE, DELETING or ERROR.", read: "state" },
    capacity: { type: int(), doc: "Capacity in kilobytes.", read: "capacity" },
    type: { type: str(), doc: "Volume type URI, e.g. http://schemas.dmtf.org/cimi/1/mapped.", read: "type" },
    bootable: { type: { kind: "boolean" }, doc: "Whether a machine can boot from it.", read: "bootable" },
  },
  requireOneOf: [["template"], ["config"]],
  states: VOLUME_STATES,
  creatingState: "CREATING",
  needs: [{ capability: "VolumeTemplateByValue", unless: "template", what: "create a volume from a configuration (a template by value)", instead: "give a template href" }],
  sdk: true,
});

export const VolumeTemplate: CatalogEntry = selfCreated({
  kind: "VolumeTemplate",
  doc: "A reusable recipe for volumes: a configuration and an optional initial image.",
  cepKey: "volumeTemplates",
  member: "volumeTemplates",
  fields: {
    config: { type: ref("VolumeConfiguration"), doc: "Href of the VolumeConfiguration.", input: { required: true, change: "update" }, create: "volumeConfig.href", read: "volumeConfig.href" },
    image: { type: ref("VolumeImage"), doc: "Href of the VolumeImage giving the initial content.", input: { change: "update" }, create: "volumeImage.href", read: "volumeImage.href" },
  },
  sdk: true,
  lookup: true,
});

export const VolumeConfiguration: CatalogEntry = selfCreated({
  kind: "VolumeConfiguration",
  doc: "Size and kind of a volume: capacity, type and file system.",
  cepKey: "volumeConfigs",
  member: "volumeConfigurations",
  fields: {
    capacity: { type: int(), doc: "Capacity in kilobytes.", input: { required: true, change: "replace" } },
    type: { type: str(), doc: "Volume type URI, e.g. http://schemas.dmtf.org/cimi/1/mapped.", input: { change: "replace" } },
    format: { type: str(), doc: "File system, e.g. ext4; absent: unformatted.", input: { change: "replace" } },
  },
  sdk: true,
  lookup: true,
});

export const VolumeImage: CatalogEntry = selfCreated({
  kind: "VolumeImage",
  doc: "The content of a volume: registered from an image location, or a snapshot of a volume.",
  cepKey: "volumeImages",
  member: "volumeImages",
  fields: {
    imageLocation: { type: str(), doc: "Where the image bits are.", input: { change: "replace" } },
    volume: { type: ref("Volume"), doc: "Href of the volume to snapshot (sent as the imageLocation).", input: { change: "replace" }, create: "imageLocation" },
    bootable: { type: { kind: "boolean" }, doc: "Whether a volume made from it is bootable.", input: { change: "replace" } },
    state: { type: str(), doc: "CREATING, AVAILABLE, DELETING or ERROR." },
  },
  requireOneOf: [["imageLocation"], ["volume"]],
  states: VOLUME_STATES,
  creatingState: "CREATING",
  sdk: true,
  lookup: true,
});

/** A snapshot as listed in its volume's `images` (the cloud adds it when a VolumeImage snapshots the volume). */
export const VolumeVolumeImage: CatalogEntry = membership({
  kind: "VolumeVolumeImage",
  doc: "A VolumeImage listed among the images of a volume.",
  parent: { field: "volume", kind: "Volume", collection: "images" },
  item: { attr: "volumeImage", kind: "VolumeImage" },
});

export const storage: readonly CatalogEntry[] = [Volume, VolumeTemplate, VolumeConfiguration, VolumeImage, VolumeVolumeImage];
