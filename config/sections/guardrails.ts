/** Config section `guardrails`: Presidio PII masking before the upstream call (issue: Presidio guardrails). */
import { z } from "zod";
import { fixed, pinnedImage } from "../primitives";

export const guardrailsSchema = z
    .object({
        /** Turn the Presidio guardrail on. Default: off. */
        enabled: z.boolean().optional(),
        /** The guardrail name clients and checks refer to. Default `presidio-pii`. */
        name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, fixed("is not a guardrail name", "use lower-case letters, digits and -, e.g. presidio-pii")).optional(),
        /** LiteLLM guardrail mode. Default `pre_call` (mask before the model sees the prompt). */
        mode: z.enum(["pre_call", "during_call", "post_call", "logging_only"]).optional(),
        /** Presidio entity types to mask. Default [US_SSN, CREDIT_CARD, EMAIL_ADDRESS, PHONE_NUMBER]. */
        entities: z.array(z.string().regex(/^[A-Z][A-Z0-9_]*$/, fixed("is not a Presidio entity type", "use an upper-case entity name such as US_SSN, CREDIT_CARD, EMAIL_ADDRESS or PHONE_NUMBER"))).min(1).optional(),
        /**
         * Store request/response bodies in spend logs (general_settings.store_prompts_in_spend_logs) so
         * redaction can be audited there. Default true: only MASKED prompts are stored, but they are stored.
         */
        storePromptsInSpendLogs: z.boolean().optional(),
        analyzerImage: pinnedImage.optional(),
        anonymizerImage: pinnedImage.optional(),
    })
    .strict();
