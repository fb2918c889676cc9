// Namespace URIs and CIM numbers of OVF (DSP0243). Elements are matched by namespace URI, never by
// prefix: tools write `ovf:`, a default namespace, or prefixes of their own.
import type { OvfVersion } from "./model";

export const OVF_NS: Readonly<Record<OvfVersion, string>> = {
  1: "http://schemas.dmtf.org/ovf/envelope/1",
  2: "http://schemas.dmtf.org/ovf/envelope/2",
};

const CIM = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/";
export const RASD_NS = `${CIM}CIM_ResourceAllocationSettingData`;
export const VSSD_NS = `${CIM}CIM_VirtualSystemSettingData`;
export const SASD_NS = `${CIM}CIM_StorageAllocationSettingData`;
export const EPASD_NS = `${CIM}CIM_EthernetPortAllocationSettingData`;
export const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
export const XML_NS = "http://www.w3.org/XML/1998/namespace";

/**
 * Namespaces whose elements describe an Item's settings. VirtualBox writes the storage and
 * ethernet ones with a `.xsd` suffix; they mean the same.
 */
export const SETTING_NAMESPACES: ReadonlySet<string> = new Set([RASD_NS, SASD_NS, EPASD_NS, `${SASD_NS}.xsd`, `${EPASD_NS}.xsd`]);

/** The OVF version an envelope namespace stands for, if it is one. */
export function ovfVersionOf(ns: string): OvfVersion | undefined {
  if (ns === OVF_NS[1]) return 1;
  if (ns === OVF_NS[2]) return 2;
  return undefined;
}

/** CIM ResourceType values (CIM_ResourceAllocationSettingData) that the model reads. */
export const ResourceType = {
  processor: 3,
  memory: 4,
  ethernetAdapter: 10,
  diskDrive: 17,
} as const;
