// OVF envelopes (DSP0243) for CIMI System import and export: a typed model, a safe reader for
// 1.x and 2.x descriptors, validation that reports every problem at once, a writer, builders for
// Pulumi programs, and the Annex A mapping to CIMI Systems.
export * from "./model";
export * from "./problems";
export { OVF_NS, RASD_NS, VSSD_NS, SASD_NS, EPASD_NS, ResourceType } from "./namespaces";
export { DEFAULT_MAX_BYTES, readXml, type SafeXmlOptions, type XmlElement, type XmlAttribute } from "./xml";
export { bytesPerUnit, toBytes, fromBytes, parseByteSize, type ByteSize } from "./units";
export { checkHref, safeRelativeHref, type HrefCheck } from "./href";
export { readEnvelope, fromXml, type ReadOptions, type ReadResult } from "./parse";
export { validateEnvelope, inspectEnvelope, loadEnvelope, assertValidEnvelope, propertyTypeProblem, type ValidateOptions } from "./validate";
export { toXml, type WriteOptions } from "./write";
export { validatePackage, loadPackage, type OvfPackage, type PackageOptions } from "./package";
export { envelope, type EnvelopeSpec, type MachineSpec, type DiskSpec, type NetworkSpec, type PropertySpec } from "./build";
export {
  toCimiSystem,
  fromCimiSystem,
  type CimiSystemDescription,
  type CimiMachineDescription,
  type CimiVolumeDescription,
  type CimiNetworkDescription,
  type FromCimiOptions,
} from "./map";
