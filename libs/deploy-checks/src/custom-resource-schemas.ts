import {
  arrayOf,
  bool,
  customResource,
  labels,
  labelSelector,
  mapOf,
  oneOf,
  resources,
  type Schema,
  secretKeySelector,
  str,
  strict,
  topologySpreadConstraint,
} from './json-schema';

/*
 * Schemas of the custom resources deploy/k8s uses: Strimzi 1.2 (kafka.strimzi.io/v1),
 * CloudNativePG 1.30 (postgresql.cnpg.io/v1), its Barman Cloud plugin 0.16 (barmancloud.cnpg.io/v1)
 * and the Prometheus Operator (monitoring.coreos.com/v1).
 *
 * Written here from the projects' API references, for the fields we use: each object allows only
 * the properties listed, so a misspelt or misplaced field fails the check instead of being
 * dropped by the API server. A field the projects offer but we do not use yet is refused until it
 * is added here (from the same API reference). No package on the registries this project uses
 * carries these CRDs' schemas (see docs/adr/0053-offline-manifest-checks.md).
 */

const kafkaConfig = mapOf({ type: ['string', 'number', 'boolean'] });
const podTemplate = strict({ topologySpreadConstraints: arrayOf(topologySpreadConstraint), metadata: strict({ labels, annotations: labels }) });

const strimziStorageVolume = strict(
  { id: { type: 'integer', minimum: 0 }, type: oneOf('ephemeral', 'persistent-claim'), size: str, class: str, deleteClaim: bool, kraftMetadata: oneOf('shared') },
  ['type'],
);

const kafkaListener = strict(
  {
    name: { type: 'string', pattern: '^[a-z0-9]{1,11}$' },
    port: { type: 'integer', minimum: 9092 },
    type: oneOf('internal', 'route', 'tlsroute', 'loadbalancer', 'nodeport', 'ingress', 'cluster-ip'),
    tls: bool,
    authentication: strict({ type: oneOf('tls', 'scram-sha-512', 'custom') }, ['type']),
    networkPolicyPeers: arrayOf(strict({ podSelector: labelSelector, namespaceSelector: labelSelector })),
  },
  ['name', 'port', 'type', 'tls'],
);

const kafka = customResource(
  'kafka.strimzi.io/v1',
  'Kafka',
  strict(
    {
      kafka: strict(
        {
          version: str,
          metadataVersion: str,
          listeners: arrayOf(kafkaListener, 1),
          authorization: strict({ type: oneOf('simple', 'custom'), superUsers: arrayOf(str) }, ['type']),
          config: kafkaConfig,
          rack: strict({ topologyKey: str }, ['topologyKey']),
        },
        ['listeners'],
      ),
      entityOperator: strict({ topicOperator: strict({ resources }), userOperator: strict({ resources }) }),
      kafkaExporter: strict({ topicRegex: str, groupRegex: str, resources }),
    },
    ['kafka'],
  ),
);

const kafkaNodePool = customResource(
  'kafka.strimzi.io/v1',
  'KafkaNodePool',
  strict(
    {
      replicas: { type: 'integer', minimum: 0 },
      roles: arrayOf(oneOf('controller', 'broker'), 1),
      storage: strict({ type: oneOf('ephemeral', 'persistent-claim', 'jbod'), volumes: arrayOf(strimziStorageVolume, 1), size: str, class: str, deleteClaim: bool }, ['type']),
      resources,
      jvmOptions: strict({ '-Xms': str, '-Xmx': str }),
      template: strict({ pod: podTemplate }),
    },
    ['replicas', 'storage', 'roles'],
  ),
);

const kafkaTopic = customResource(
  'kafka.strimzi.io/v1',
  'KafkaTopic',
  strict({ topicName: str, partitions: { type: 'integer', minimum: 1 }, replicas: { type: 'integer', minimum: 1, maximum: 32767 }, config: kafkaConfig }),
);

const aclOperation = oneOf('Read', 'Write', 'Create', 'Delete', 'Alter', 'Describe', 'ClusterAction', 'AlterConfigs', 'DescribeConfigs', 'IdempotentWrite', 'All');
const kafkaUser = customResource(
  'kafka.strimzi.io/v1',
  'KafkaUser',
  strict({
    authentication: strict({ type: oneOf('tls', 'tls-external', 'scram-sha-512') }, ['type']),
    authorization: strict(
      {
        type: oneOf('simple'),
        acls: arrayOf(
          strict(
            {
              type: oneOf('allow', 'deny'),
              resource: strict({ type: oneOf('topic', 'group', 'cluster', 'transactionalId'), name: str, patternType: oneOf('literal', 'prefix') }, ['type']),
              host: str,
              operations: arrayOf(aclOperation, 1),
            },
            ['resource', 'operations'],
          ),
        ),
      },
      ['acls', 'type'],
    ),
  }),
);

const cnpgStorage = strict({ size: str, storageClass: str, resizeInUseVolumes: bool });
const cnpgCluster = customResource(
  'postgresql.cnpg.io/v1',
  'Cluster',
  strict(
    {
      description: str,
      instances: { type: 'integer', minimum: 1 },
      imageName: str,
      primaryUpdateStrategy: oneOf('unsupervised', 'supervised'),
      primaryUpdateMethod: oneOf('switchover', 'restart'),
      bootstrap: strict({ initdb: strict({ database: str, owner: str, dataChecksums: bool, encoding: str, localeCollate: str, localeCType: str }) }),
      postgresql: strict({
        synchronous: strict({ method: oneOf('any', 'first'), number: { type: 'integer', minimum: 1 }, dataDurability: oneOf('required', 'preferred') }, ['method', 'number']),
        parameters: mapOf({ type: 'string' }),
        pg_hba: arrayOf(str),
      }),
      storage: cnpgStorage,
      walStorage: cnpgStorage,
      resources,
      affinity: strict({ enablePodAntiAffinity: bool, podAntiAffinityType: oneOf('preferred', 'required'), topologyKey: str }),
      plugins: arrayOf(strict({ name: str, enabled: bool, isWALArchiver: bool, parameters: mapOf({ type: 'string' }) }, ['name'])),
      enablePDB: bool,
    },
    ['instances'],
  ),
);

const scheduledBackup = customResource(
  'postgresql.cnpg.io/v1',
  'ScheduledBackup',
  strict(
    {
      // Six fields (seconds first), unlike a CronJob's five.
      schedule: { type: 'string', pattern: '^\\S+( \\S+){5}$' },
      immediate: bool,
      suspend: bool,
      backupOwnerReference: oneOf('none', 'self', 'cluster'),
      cluster: strict({ name: str }, ['name']),
      method: oneOf('barmanObjectStore', 'volumeSnapshot', 'plugin'),
      pluginConfiguration: strict({ name: str, parameters: mapOf({ type: 'string' }) }, ['name']),
      target: oneOf('primary', 'prefer-standby'),
    },
    ['cluster', 'schedule'],
  ),
);

const walCompression = oneOf('bzip2', 'gzip', 'lz4', 'snappy', 'xz', 'zstd');
const dataCompression = oneOf('bzip2', 'gzip', 'lz4', 'snappy');
const barmanEncryption = oneOf('AES256', 'aws:kms');
const objectStore = customResource(
  'barmancloud.cnpg.io/v1',
  'ObjectStore',
  strict(
    {
      retentionPolicy: { type: 'string', pattern: '^[1-9][0-9]*[dwm]$' },
      configuration: strict(
        {
          destinationPath: { type: 'string', pattern: '^(s3|gs|https?)://' },
          endpointURL: str,
          s3Credentials: strict({ accessKeyId: secretKeySelector, secretAccessKey: secretKeySelector, region: secretKeySelector, sessionToken: secretKeySelector, inheritFromIAMRole: bool }),
          wal: strict({ compression: walCompression, encryption: barmanEncryption, maxParallel: { type: 'integer', minimum: 1 } }),
          data: strict({ compression: dataCompression, encryption: barmanEncryption, jobs: { type: 'integer', minimum: 1 } }),
        },
        ['destinationPath'],
      ),
    },
    ['configuration'],
  ),
);

const scrapeEndpoint = strict({ port: str, path: str, interval: { type: 'string', pattern: '^[0-9]+(ms|s|m|h)$' }, scheme: oneOf('http', 'https') });
const serviceMonitor = customResource('monitoring.coreos.com/v1', 'ServiceMonitor', strict({ selector: labelSelector, endpoints: arrayOf(scrapeEndpoint, 1) }, ['selector', 'endpoints']));
const podMonitor = customResource('monitoring.coreos.com/v1', 'PodMonitor', strict({ selector: labelSelector, podMetricsEndpoints: arrayOf(scrapeEndpoint, 1) }, ['selector', 'podMetricsEndpoints']));

/** Schemas by `apiVersion/kind`. */
export const customResourceSchemas: Record<string, Schema> = {
  'kafka.strimzi.io/v1/Kafka': kafka,
  'kafka.strimzi.io/v1/KafkaNodePool': kafkaNodePool,
  'kafka.strimzi.io/v1/KafkaTopic': kafkaTopic,
  'kafka.strimzi.io/v1/KafkaUser': kafkaUser,
  'postgresql.cnpg.io/v1/Cluster': cnpgCluster,
  'postgresql.cnpg.io/v1/ScheduledBackup': scheduledBackup,
  'barmancloud.cnpg.io/v1/ObjectStore': objectStore,
  'monitoring.coreos.com/v1/ServiceMonitor': serviceMonitor,
  'monitoring.coreos.com/v1/PodMonitor': podMonitor,
};
