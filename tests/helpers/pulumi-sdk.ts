/**
 * The installed @pulumi/pulumi and modules from its own dependency tree (its gRPC and protobuf), so a test
 * speaks to the SDK's processes with exactly the versions they run.
 */
import { createRequire } from "node:module";
import * as path from "node:path";

export const pulumiRoot = path.dirname(require.resolve("@pulumi/pulumi/package.json"));

/** `require` as @pulumi/pulumi resolves it: `fromPulumi("./proto/engine_pb")`, `fromPulumi("@grpc/grpc-js")`. */
export const fromPulumi = createRequire(path.join(pulumiRoot, "package.json"));
