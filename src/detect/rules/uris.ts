/**
 * Credentials embedded in URIs: `scheme://user:password@host`. The secret is the password.
 *
 * Decisions:
 * - Placeholders are not findings: `user:password@`, `${DB_PASS}`, `<password>`, `***`,
 *   `%s`, `{password}`, `[PASSWORD]`, `$PASS` and the like (see `plausiblePassword`).
 * - Loopback hosts (localhost, 127.0.0.0/8, ::1, 0.0.0.0, host.docker.internal) are dev
 *   defaults far more often than leaks, but a reused password is still a password: they are
 *   reported by `uri-credentials-localhost` at low severity instead of by the main rules.
 * - A password may contain a raw `@` (people rarely percent-encode it); the host starts
 *   after the last `@` of the authority.
 */
import type { Rule } from "../types.js";
import { hasProviderFormat } from "./generic.js";

/** user:password@host, password in `secret`. The user may be empty (redis://:pw@host). */
const USERINFO = String.raw`[^\s:@/?#"'<>\[\]{}\\|^\x60]{0,128}:(?<secret>[^\s/?#"'<>\\|^\x60]{1,256})@(?<host>\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9._~%-]{1,253})(?=[:/?#,;\s"'<>)\]}\\\x60]|$)`;

const uri = (schemes: string, prefix = String.raw`(?<![\w+.:-])`): RegExp => new RegExp(`${prefix}(?:${schemes})://${USERINFO}`, "i");

export const LOOPBACK = /@(?:localhost|127(?:\.\d{1,3}){3}|\[::1?\]|0\.0\.0\.0|host\.docker\.internal)(?![\w.-])/i;

/** The password repeats the user name (guest:guest, postgres:postgres): a default, not a secret. */
export const SAME_USER_AND_PASSWORD = /(?:\/\/|thin:)([^\s:@/?#]{1,128})[:/]\1@/i;

/** Values that stand in for a password rather than being one. */
const PLACEHOLDER_PASSWORDS = new Set([
  "password",
  "passwd",
  "pass",
  "pwd",
  "pw",
  "secret",
  "changeit",
  "changeme",
  "mypassword",
  "mysecretpassword",
  "yourpassword",
  "your_password",
  "my_password",
  "dbpassword",
  "db_password",
  "dbpass",
  "db_pass",
  "userpassword",
  "user_password",
  "user",
  "username",
  "login",
  "token",
  "apikey",
  "api_key",
  "key",
  "foo",
  "bar",
  "foobar",
  "xxx",
  "yyy",
]);

/** False for placeholders, templates and references; shared by the URI and config rules. */
export function plausiblePassword(raw: string): boolean {
  let v = raw;
  try {
    v = decodeURIComponent(raw);
  } catch {
    // Not percent-encoded after all; judge the raw text.
  }
  if (v.length < 3) return false;
  if (PLACEHOLDER_PASSWORDS.has(v.toLowerCase())) return false;
  // References and templates: $VAR, ${VAR}, $(cmd), %VAR%, %s, %(name)s, {name}, {{ x }},
  // <name>, [NAME], :name, @VAR@, #{x}.
  if (/^\$[{(\w]/.test(v)) return false;
  if (/^%[\w().-]{0,40}[%s]$|^%\(\w{1,40}\)s$/.test(v)) return false;
  if (/^\{{1,2}\s{0,2}(?:[A-Za-z_][A-Za-z_. -]{0,60}|\d{0,3})\}{1,2}$|^<[^<>]{1,60}>$|^\[[^[\]]{1,60}\]$|^:[A-Za-z_]\w{0,40}$|^@\w{1,40}@$|^#\{/.test(v)) return false;
  // Masks and fillers: ***, xxxx, ...., ------.
  if (new Set(v.toLowerCase()).size <= 2) return false;
  if (/^[*x.#?-]{3,}$/i.test(v)) return false;
  return true;
}

/** A password worth reporting here; a provider token in it (ghp_, pscale_pw_) is its rule's to judge. */
const uriPassword = (p: string): boolean => plausiblePassword(p) && !hasProviderFormat(p);

const DB_SCHEMES =
  String.raw`postgres(?:ql)?|pgsql|mysqlx?|mariadb|mongodb|rediss?|valkey|mssql|sqlserver|clickhouse|cockroachdb|couchdbs?|neo4j(?:\+s)?|bolt|cassandra|oracle|db2|redshift|snowflake|presto|trino|memcached`;
const BROKER_SCHEMES = String.raw`amqps?|nats|mqtts?|kafka|stomp(?:\+ssl)?`;
const WEB_SCHEMES = String.raw`https?|ftps?|sftp|ssh|git|svn(?:\+ssh)?|wss?|smtps?|imaps?|pop3s?|ldaps?|rsync|webdavs?|socks[45]h?`;

export const rules: readonly Rule[] = [
  {
    id: "database-uri-credentials",
    provider: "Database",
    description: "Database connection URI with an embedded password (PostgreSQL, MySQL, MongoDB, Redis, SQL Server, ...)",
    keywords: ["postgres", "pgsql", "mysql", "mariadb", "mongodb", "redis", "valkey", "mssql", "sqlserver", "clickhouse", "cockroachdb", "couchdb", "neo4j", "bolt://", "cassandra", "oracle://", "db2://", "redshift", "snowflake://", "presto://", "trino://", "memcached"],
    // An optional driver suffix: postgresql+psycopg2://, mongodb+srv://.
    pattern: uri(String.raw`(?:${DB_SCHEMES})(?:\+[a-z0-9]{1,20})?`),
    validate: uriPassword,
    allow: { matches: [LOOPBACK, SAME_USER_AND_PASSWORD] },
    severity: "high",
    confidence: "medium",
    examples: {
      match: [
        "DATABASE_URL=postgres://app_rw:Tz8qLm2vXr4N@db.prod.internal:5432/app", // keyward:allow
        'MONGO_URI="mongodb+srv://svc:Qp7%40wR2zK9@cluster0.ab1cd.mongodb.net/app?retryWrites=true"', // keyward:allow
        "engine = create_engine('postgresql+psycopg2://report:Hv3nB8sWq1@10.0.4.17/reports')", // keyward:allow
        "REDIS_URL=rediss://:c9Fh2LpQ7xZ4@cache-01.internal:6380/0", // keyward:allow
        "mysql://root:p@ss-W0rd!9@mysql.internal/shop", // keyward:allow
      ],
      noMatch: [
        "DATABASE_URL=postgres://user:password@db.prod.internal:5432/app",
        "DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app",
        "mongodb://<username>:<password>@cluster0.mongodb.net/test",
        "postgres://app:%s@%s:%d/%s",
        "redis://:***@cache:6379",
        "postgres://db.prod.internal:5432/app",
        // Loopback: reported by uri-credentials-localhost instead.
        "postgres://app:Tz8qLm2vXr4N@localhost:5432/app", // keyward:allow
      ],
    },
  },
  {
    id: "broker-uri-credentials",
    provider: "Message broker",
    description: "Message broker URI with an embedded password (AMQP/RabbitMQ, NATS, MQTT, Kafka, STOMP)",
    keywords: ["amqp", "nats://", "mqtt", "kafka://", "stomp"],
    pattern: uri(BROKER_SCHEMES),
    validate: uriPassword,
    allow: { matches: [LOOPBACK, SAME_USER_AND_PASSWORD] },
    severity: "high",
    confidence: "medium",
    examples: {
      match: [
        "CELERY_BROKER_URL=amqps://worker:hN4kQz8vLr2W@rabbit.prod.internal:5671/jobs", // keyward:allow
        'nats: "nats://orders:W7xcP3mQ9tLz@nats-0.nats:4222"', // keyward:allow
      ],
      noMatch: ["amqp://guest:guest@rabbitmq:5672/", "amqp://user:pass@broker/", "amqp://rabbit.prod.internal:5672"],
    },
  },
  {
    id: "jdbc-uri-credentials",
    provider: "Database",
    description: "JDBC URL with an embedded password",
    keywords: ["jdbc:"],
    // jdbc:<driver>[:<sub>]://user:password@host, and Oracle thin's jdbc:oracle:thin:user/password@host.
    pattern:
      /(?<![\w.-])jdbc:[a-z0-9]{2,20}:(?:[a-z0-9]{1,20}:)?(?:\/\/[^\s:@/?#"'<>\\]{0,128}:|[\w.$-]{1,64}\/)(?<secret>[^\s/?#"'<>\\]{1,256})@(?<host>[A-Za-z0-9._~%\[\]:-]{1,253})/i,
    validate: uriPassword,
    allow: { matches: [LOOPBACK, SAME_USER_AND_PASSWORD] },
    severity: "high",
    confidence: "medium",
    examples: {
      match: [
        "spring.datasource.url=jdbc:mysql://billing:Rk5vT8qW2mZx@mysql-prod.internal:3306/billing", // keyward:allow
        "url: jdbc:oracle:thin:scott/Gq7LmW2pXv9@ora-prod.internal:1521/ORCL", // keyward:allow
      ],
      noMatch: ["jdbc:mysql://mysql-prod.internal:3306/billing", "jdbc:oracle:thin:scott/${ORACLE_PASSWORD}@ora:1521/ORCL", "jdbc:postgresql://user:password@db/app"],
    },
  },
  {
    id: "url-basic-auth",
    provider: "Generic",
    description: "URL with embedded basic-auth credentials (https://user:password@host, also .git-credentials)",
    keywords: ["://"],
    pattern: uri(WEB_SCHEMES),
    validate: uriPassword,
    allow: { matches: [LOOPBACK, SAME_USER_AND_PASSWORD] },
    severity: "high",
    confidence: "medium",
    examples: {
      match: [
        "https://deploy:Xk29fLq8Zp4T@gems.internal-vendor.io/", // keyward:allow
        "git clone https://oauth2:T9vKq2LmZ8xW4pRs@git.corp.internal/team/app.git", // keyward:allow
        "source 'https://4fa1c9:be2d7e0f@enterprise.gems.io' do", // keyward:allow
        "http://svc-backup:Np3%23wQ8zL@ftp.corp.internal:8021/backups?mode=full#top", // keyward:allow
      ],
      noMatch: [
        "https://user:password@example.com/path",
        "https://${GIT_USER}:${GIT_TOKEN}@git.corp.internal/team/app.git",
        "https://<user>:<token>@git.corp.internal",
        "https://git.corp.internal:8443/team/app.git",
        "see https://docs.internal/a@b and mailto:me@corp.internal",
        "http://admin:Np3wQ8zLx2@127.0.0.1:8080/", // keyward:allow
      ],
    },
  },
  {
    id: "uri-credentials-localhost",
    provider: "Generic",
    description: "URI with an embedded password for a loopback host (usually a development default)",
    keywords: ["://"],
    pattern: new RegExp(
      String.raw`(?<![\w+.-])(?:jdbc:[a-z0-9]{2,20}:)?[a-z][a-z0-9+.-]{1,30}://[^\s:@/?#"'<>\[\]{}\\|^\x60]{0,128}:(?<secret>[^\s/?#"'<>\\|^\x60]{1,256})@(?:localhost|127(?:\.\d{1,3}){3}|\[::1?\]|0\.0\.0\.0|host\.docker\.internal)(?![\w.-])`,
      "i",
    ),
    validate: uriPassword,
    allow: { matches: [SAME_USER_AND_PASSWORD] },
    severity: "low",
    confidence: "low",
    examples: {
      match: [
        "DATABASE_URL=postgres://app:Tz8qLm2vXr4N@localhost:5432/app", // keyward:allow
        "http://admin:Np3wQ8zLx2@127.0.0.1:8080/", // keyward:allow
      ],
      noMatch: ["postgres://postgres:password@localhost:5432/postgres", "amqp://guest:guest@localhost:5672/", "http://localhost:8080/"],
    },
  },
];
