/** Config section `cache`: the Redis response cache (issue: Redis response cache). */
import { z } from "zod";
import { pinnedImage } from "../primitives";

export const CACHE_MODES = ["container", "in-cluster", "oci-cache", "external"] as const;

export const cacheSchema = z
    .object({
        /** Turn the exact-match response cache on. Default: on for docker, off for oke. */
        enabled: z.boolean().optional(),
        /** How long a cached response is served, in seconds (cache_params.ttl). Default 600. */
        ttlSeconds: z.number().int().min(1).max(30 * 24 * 3600).optional(),
        /** Where Redis runs. Default: container (docker), in-cluster (oke). */
        mode: z.enum(CACHE_MODES).optional(),
        /** Redis/Valkey image for the container and in-cluster modes. */
        image: pinnedImage.optional(),
    })
    .strict();
