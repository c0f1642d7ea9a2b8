/** Config section `oke`: the Oracle Kubernetes Engine target (issue: the oke stack). */
import { z } from "zod";
import { ocid } from "../primitives";

export const okeSchema = z
    .object({
        /** OKE cluster OCID; its kubeconfig is fetched with oci.containerengine.getClusterKubeConfig. */
        clusterId: ocid("cluster").optional(),
        /** Namespace for every resource. Default `litellm`. */
        namespace: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/).max(63).optional(),
    })
    .strict();
