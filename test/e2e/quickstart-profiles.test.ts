// The quickstart e2e against the second half of the simulator profiles; quickstart runs the
// first, so that the two halves run side by side.
import { quickstartSuite } from "./suites/quickstart";
import { MATRIX } from "../helpers/targets";

for (const { profile, format } of MATRIX.slice(MATRIX.length / 2)) quickstartSuite(profile, format);
