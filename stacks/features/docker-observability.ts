/** The observability feature on the dev stack (Docker). */
import { DockerFeatureContext, FeatureResult, NO_FEATURE } from "./types";

export function dockerObservability(ctx: DockerFeatureContext): FeatureResult {
    if (!ctx.spec.observability.enabled) return NO_FEATURE;
    throw new Error("observability on docker is not implemented yet");
}
