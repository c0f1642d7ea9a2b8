/** Pulumi entry point. Stack outputs: gatewayUrl, masterKey (secret), models, and per-feature extras. */
import { program } from "./program";

export = program();
