// The quickstart e2e against the first half of the simulator profiles; quickstart-profiles runs the
// rest, so that the two halves run side by side.
import { quickstartSuite } from "./suites/quickstart";
import { MATRIX } from "../helpers/targets";

for (const { profile, format } of MATRIX.slice(0, MATRIX.length / 2)) quickstartSuite(profile, format);
