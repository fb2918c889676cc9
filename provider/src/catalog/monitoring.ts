// Monitoring of CIMI 1.x (SPEC §11.5): the Meters and EventLogs a cloud keeps about its resources,
// read through lookups only. Their samples and events are gathered from their sub-collections.
import type { CatalogEntry } from "./types";
import { int, listOf, readOnly, str } from "./common";

/** Aspect URIs are `${ASPECT_NS}/cpu` ... (SPEC §11.5.2). */
export const ASPECT_NS = "http://schemas.dmtf.org/cimi/1/aspect";

const target = { type: str(), doc: "Href of the resource this is about (a machine, volume, network...).", read: "targetResource.href" };

export const Meter: CatalogEntry = readOnly({
  kind: "Meter",
  doc: "A measurement the cloud takes of one aspect of a resource (cpu, memory, disk, bandwidth), with its samples.",
  cepKey: "meters",
  member: "meters",
  create: { wrapper: "MeterCreate", template: "meterTemplate" },
  lookupVia: "meters",
  fields: {
    target,
    aspect: { type: str(), doc: `What is measured, as a URI: ${ASPECT_NS}/cpu, memory, disk, bandwidth, inputBandwidth or outputBandwidth.` },
    units: { type: str(), doc: "Units of the sample values, e.g. percent or kilobytes." },
    sampleInterval: { type: int(), doc: "Seconds between samples." },
    timeScope: { type: str(), doc: "Point (each sample is an instant) or Interval (each covers intervalDuration)." },
    intervalDuration: { type: str(), doc: "For Interval meters: the period each sample covers (an xs:duration)." },
    isContinuous: { type: { kind: "boolean" }, doc: "Whether the meter measures continuously." },
    minValue: { type: str(), doc: "The smallest value the meter can report." },
    maxValue: { type: str(), doc: "The largest value the meter can report." },
    stopTime: { type: str(), doc: "When the meter stops measuring." },
    expiresTime: { type: str(), doc: "When the cloud deletes the meter." },
    samples: {
      type: listOf({
        timestamp: { type: str(), doc: "When the measurement was taken." },
        value: { type: str(), doc: "The measured value, as the cloud wrote it." },
      }),
      doc: "The samples the cloud holds, oldest first.",
      gather: "samples/*/sample",
    },
  },
});

export const EventLog: CatalogEntry = readOnly({
  kind: "EventLog",
  doc: "The record of events (state changes, alarms, model changes, access) the cloud keeps for a resource.",
  cepKey: "eventLogs",
  member: "eventLogs",
  create: { wrapper: "EventLogCreate", template: "eventLogTemplate" },
  lookupVia: "eventLog",
  fields: {
    target,
    persistence: { type: str(), doc: "How long events are kept: daily, weekly, monthly or yearly." },
    summary: {
      type: {
        kind: "object",
        fields: Object.fromEntries(["low", "medium", "high", "critical"].map((s) => [s, { type: int(), doc: `Events of ${s} severity.` }])),
      },
      doc: "How many events the log holds, by severity, when it was read.",
    },
    events: {
      type: listOf({
        id: { type: str(), doc: "Href of the event." },
        timestamp: { type: str(), doc: "When the event happened." },
        type: { type: str(), doc: "What kind of event, as a URI: http://schemas.dmtf.org/cimi/1/event/state, alarm, model or access." },
        content: { type: { kind: "map" }, doc: "Details, by type: state (resName, resource, resType, state, previous), model (resName, resource, resType, change, detail)..." },
        outcome: { type: str(), doc: "Pending, Unknown, Status, Success, Warning or Failure." },
        severity: { type: str(), doc: "critical, high, medium or low." },
        contact: { type: str(), doc: "Whom to contact about it." },
      }),
      doc: "The events the log holds, oldest first.",
      gather: "events/*",
    },
  },
});

export const monitoring: readonly CatalogEntry[] = [Meter, EventLog];
