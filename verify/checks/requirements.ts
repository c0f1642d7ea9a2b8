/** Skip reasons shared by checks whose inputs may be absent. */
import type { CheckContext } from "../types";

export function needsModel(ctx: CheckContext): string | undefined {
    return ctx.options.model ? undefined : "no model group given (--model)";
}
