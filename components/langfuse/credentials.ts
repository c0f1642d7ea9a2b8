/**
 * Every secret a self-hosted Langfuse needs, generated once with @pulumi/random and stable across
 * updates (SALT hashes the API keys: a new salt would silently invalidate them). All outputs are secret.
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

export interface LangfuseCredentialsArgs {
    /** The project's public key (secret). Default: generated `pk-lf-` + 32 alphanumerics. */
    publicKey?: pulumi.Input<string>;
    /** The project's secret key (secret). Default: generated `sk-lf-` + 32 alphanumerics. */
    secretKey?: pulumi.Input<string>;
}

export class LangfuseCredentials extends pulumi.ComponentResource {
    readonly publicKey: pulumi.Output<string>;
    readonly secretKey: pulumi.Output<string>;
    readonly userPassword: pulumi.Output<string>;
    readonly salt: pulumi.Output<string>;
    readonly nextauthSecret: pulumi.Output<string>;
    /** 64 hex characters, as Langfuse's env validation demands. */
    readonly encryptionKey: pulumi.Output<string>;
    readonly clickhousePassword: pulumi.Output<string>;
    readonly redisPassword: pulumi.Output<string>;
    /** MinIO root user, used as the S3 access key id. */
    readonly storageAccessKeyId: pulumi.Output<string>;
    readonly storageSecretAccessKey: pulumi.Output<string>;

    constructor(name: string, args: LangfuseCredentialsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("litellm-gateway:langfuse:LangfuseCredentials", name, {}, opts);
        // Alphanumerics only: these values end up in URLs and env files, where @ : / % # ? & = break parsing.
        const alnum = (role: string, length: number) => new random.RandomPassword(`${name}-${role}`, { length, special: false }, { parent: this }).result;
        const secret = (value: pulumi.Input<string>) => pulumi.secret(pulumi.output(value));

        this.publicKey = secret(args.publicKey ?? pulumi.interpolate`pk-lf-${alnum("public-key", 32)}`);
        this.secretKey = secret(args.secretKey ?? pulumi.interpolate`sk-lf-${alnum("secret-key", 32)}`);
        // Mixed classes, so any password policy on the login form accepts it.
        const password = new random.RandomPassword(
            `${name}-user-password`,
            { length: 24, special: true, overrideSpecial: "-_.", minUpper: 1, minLower: 1, minNumeric: 1, minSpecial: 1 },
            { parent: this },
        );
        this.userPassword = secret(password.result);
        this.salt = secret(alnum("salt", 48));
        this.nextauthSecret = secret(alnum("nextauth-secret", 48));
        // sha256 of a 48-character random string: 256 bits, always exactly 64 hex digits.
        this.encryptionKey = secret(alnum("encryption-key", 48).apply((seed) => createHash("sha256").update(seed).digest("hex")));
        this.clickhousePassword = secret(alnum("clickhouse-password", 32));
        this.redisPassword = secret(alnum("redis-password", 32));
        this.storageAccessKeyId = secret(alnum("storage-access-key", 20));
        this.storageSecretAccessKey = secret(alnum("storage-secret-key", 40));

        this.registerOutputs({
            publicKey: this.publicKey,
            secretKey: this.secretKey,
            userPassword: this.userPassword,
            salt: this.salt,
            nextauthSecret: this.nextauthSecret,
            encryptionKey: this.encryptionKey,
            clickhousePassword: this.clickhousePassword,
            redisPassword: this.redisPassword,
            storageAccessKeyId: this.storageAccessKeyId,
            storageSecretAccessKey: this.storageSecretAccessKey,
        });
    }
}
