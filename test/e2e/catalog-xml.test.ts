// The catalog e2e against a simulator that speaks XML only, exposes no Jobs (Deltacloud style) and
// writes relative URIs: every kind must round-trip through XML and complete by polling its state.
import { catalogSuite } from "./catalog-suite";

catalogSuite({ label: "xml-nojobs", simulator: { profile: "xml-nojobs" }, format: "xml" });
