// The catalog e2e against a simulator that exposes no Jobs (Deltacloud style): every kind must
// complete by polling its state instead.
import { catalogSuite } from "./catalog-suite";

catalogSuite({ label: "no-jobs", simulator: { jobs: false } });
