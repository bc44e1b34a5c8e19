// Builds the real @azure/arm-* clients, pointed at an ARM endpoint (Azure, a sovereign cloud, or the local
// emulator) with the scope, CA and retry settings the SDK notes prescribe, each with the call-context policy.

import { loadAzureSdk } from './sdk-loader';
import { callContextPolicy } from './call-context';

/** What @azure/core-auth calls a TokenCredential, restated so this file needs no @azure import. */
export interface TokenCredentialLike {
  getToken(scopes: string | string[], options?: object): Promise<{ token: string; expiresOnTimestamp: number } | null>;
}

export interface AzureConnection {
  readonly credential: TokenCredentialLike;
  /** ARM endpoint; default https://management.azure.com. */
  readonly endpoint?: string;
  /** PEM of a CA to trust (the emulator's, or a custom cloud's). */
  readonly ca?: string;
  /** SDK retry settings; SDK defaults when absent (3 retries). `retry-after(-ms)` headers are always honoured. */
  readonly retryOptions?: { readonly maxRetries?: number; readonly retryDelayInMs?: number; readonly maxRetryDelayInMs?: number };
  /** Per attempt; default 30 s. */
  readonly requestTimeoutMs?: number;
  /** Parallel ARM calls (subscriptions in the fallback, detail reads); default 8. */
  readonly concurrency?: number;
  /** false: skip Resource Graph and list per subscription over ARM (benchmarks; tenants without Resource Graph). */
  readonly useResourceGraph?: boolean;
}

export const DEFAULT_ARM_ENDPOINT = 'https://management.azure.com';

type Sdk = ReturnType<typeof loadAzureSdk>;

export class AzureClients {
  readonly endpoint: string;
  private readonly sdk: Sdk;
  private readonly perSubscription = new Map<string, unknown>();
  private graphClient?: InstanceType<Sdk['ResourceGraphClient']>;
  private subscriptionClient?: InstanceType<Sdk['SubscriptionClient']>;
  /** Shared by every client, so all of them reuse one pool of keep-alive TLS connections. */
  private readonly httpClient: ReturnType<Sdk['createDefaultHttpClient']>;
  /** One object for every client: the HTTP client caches its keep-alive agent by this object's identity. */
  private readonly tlsOptions: { ca: string } | undefined;

  constructor(private readonly connection: AzureConnection) {
    this.endpoint = (connection.endpoint ?? DEFAULT_ARM_ENDPOINT).replace(/\/+$/, '');
    this.sdk = loadAzureSdk();
    this.httpClient = this.sdk.createDefaultHttpClient();
    this.tlsOptions = connection.ca ? { ca: connection.ca } : undefined;
  }

  private get scope(): string {
    return `${this.endpoint}/.default`;
  }

  /** Options for the autorest (HLC) clients. Every client pinned here is one: the modular (TypeSpec) majors that
   *  followed (arm-network 37+, arm-privatedns 4, arm-resourcegraph 5.0.0, arm-resources-subscriptions 3) require
   *  Node 22, while VS Code 1.100's extension host runs Node 20. Scopes are passed explicitly all the same, so a
   *  sovereign cloud or the emulator is never asked for a public-cloud token. */
  private clientOptions() {
    return {
      endpoint: this.endpoint,
      httpClient: this.httpClient,
      credentialScopes: [this.scope],
      ...(this.tlsOptions ? { tlsOptions: this.tlsOptions } : {}),
      ...(this.connection.retryOptions ? { retryOptions: this.connection.retryOptions } : {}),
    };
  }

  private withPolicy<T extends { pipeline: { addPolicy(policy: never, options?: object): void } }>(client: T): T {
    client.pipeline.addPolicy(callContextPolicy as never, { afterPhase: 'Retry' });
    return client;
  }

  get credential(): TokenCredentialLike {
    return this.connection.credential;
  }

  graph() {
    this.graphClient ??= this.withPolicy(new this.sdk.ResourceGraphClient(this.connection.credential, this.clientOptions()));
    return this.graphClient;
  }

  subscriptions() {
    this.subscriptionClient ??= this.withPolicy(new this.sdk.SubscriptionClient(this.connection.credential, this.clientOptions()));
    return this.subscriptionClient;
  }

  private cached<T>(key: string, make: () => T): T {
    if (!this.perSubscription.has(key)) this.perSubscription.set(key, make());
    return this.perSubscription.get(key) as T;
  }

  redis(subscriptionId: string) {
    return this.cached(`redis|${subscriptionId}`, () =>
      this.withPolicy(new this.sdk.RedisManagementClient(this.connection.credential, subscriptionId, this.clientOptions())),
    );
  }

  redisEnterprise(subscriptionId: string) {
    return this.cached(`redisEnterprise|${subscriptionId}`, () =>
      this.withPolicy(new this.sdk.RedisEnterpriseManagementClient(this.connection.credential, subscriptionId, this.clientOptions())),
    );
  }

  network(subscriptionId: string) {
    return this.cached(`network|${subscriptionId}`, () =>
      this.withPolicy(new this.sdk.NetworkManagementClient(this.connection.credential, subscriptionId, this.clientOptions())),
    );
  }

  privateDns(subscriptionId: string) {
    return this.cached(`privateDns|${subscriptionId}`, () =>
      this.withPolicy(new this.sdk.PrivateDnsManagementClient(this.connection.credential, subscriptionId, this.clientOptions())),
    );
  }
}
