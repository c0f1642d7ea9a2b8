/** Config section `observability`: Langfuse traces (issue: Langfuse observability). */
import { z } from "zod";

export const observabilitySchema = z
    .object({
        /** Turn Langfuse tracing on. Default: off. */
        enabled: z.boolean().optional(),
        /** Langfuse server major version the gateway exports to: 3 or 4. Default 4. */
        langfuseMajor: z.union([z.literal(3), z.literal(4)]).optional(),
        /** External Langfuse base URL (oke, or dev pointing at an existing Langfuse). */
        host: z.string().url().optional(),
    })
    .strict();
