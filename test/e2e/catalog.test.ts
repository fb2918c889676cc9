// The catalog e2e against the bundled simulator's JSON profile.
import { catalogSuite } from "./catalog-suite";

catalogSuite({ label: "json", simulator: {} });
