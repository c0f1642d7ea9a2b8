/**
 * The gateway's two long-lived secrets: the master key (admin credential, `sk-...`) and the salt key
 * (encrypts credentials stored in the DB). Generated with @pulumi/random unless supplied as secret
 * config, and stable across updates: the salt must never change once data exists.
 */
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

export interface GatewayKeysArgs {
    /** A user-supplied master key (secret). Default: generated `sk-` + 48 alphanumerics. */
    masterKey?: pulumi.Input<string>;
    /** A user-supplied salt key (secret). Default: generated 48 alphanumerics. */
    saltKey?: pulumi.Input<string>;
}

export class GatewayKeys extends pulumi.ComponentResource {
    /** Secret. */
    readonly masterKey: pulumi.Output<string>;
    /** Secret. */
    readonly saltKey: pulumi.Output<string>;

    constructor(name: string, args: GatewayKeysArgs, opts?: pulumi.ComponentResourceOptions) {
        super("litellm-gateway:gateway:GatewayKeys", name, {}, opts);
        const generated = (role: string) => new random.RandomPassword(`${name}-${role}`, { length: 48, special: false }, { parent: this }).result;
        this.masterKey = pulumi.secret(args.masterKey !== undefined ? pulumi.output(args.masterKey) : pulumi.interpolate`sk-${generated("master-key")}`);
        this.saltKey = pulumi.secret(args.saltKey !== undefined ? pulumi.output(args.saltKey) : generated("salt-key"));
        this.registerOutputs({ masterKey: this.masterKey, saltKey: this.saltKey });
    }
}
