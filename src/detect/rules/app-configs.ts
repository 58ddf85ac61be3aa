/**
 * Credentials in application and client configuration files, and in code that compares a
 * password rather than assigning it. Each rule is scoped by the file's path or by a syntax
 * only that kind of file has (PHP's define(), an htpasswd line, FileZilla's <Pass>), which is
 * what keeps them precise where a generic "password = …" rule would guess.
 */
import { decodeBase64Text } from "../decode.js";
import { shannonEntropy } from "../entropy.js";
import type { Candidate, Rule } from "../types.js";
import { hasProviderFormat, literalPassword, PUBLISHED_VALUES } from "./generic.js";
import { plausiblePassword } from "./uris.js";

const b64 = (s: string): string => Buffer.from(s).toString("base64");

/** A password a person chose: not a placeholder, reference, empty or provider token. */
function chosenPassword(v: string): boolean {
  return v.length >= 4 && plausiblePassword(v) && !PUBLISHED_VALUES.has(v) && !hasProviderFormat(v) && !/^(?:password|passwd|secret|changeme|admin|test|none|null|empty)$/i.test(v);
}

/** WordPress's own placeholder in wp-config-sample.php. */
const WP_PLACEHOLDER = /put your unique phrase here/i;
const WP_KEYS = "AUTH_KEY|SECURE_AUTH_KEY|LOGGED_IN_KEY|NONCE_KEY|AUTH_SALT|SECURE_AUTH_SALT|LOGGED_IN_SALT|NONCE_SALT";

/** Column names of a SQL INSERT that hold a password. */
const PASSWORD_COLUMN = /^[`"[]?(?:pass(?:word|wd)?|pwd|user_?pass(?:word)?|plain_?password|clear_?password)[`"\]]?$/i;

/** Splits a VALUES tuple on commas outside quotes, each value unquoted. Bounded by the match. */
function sqlValues(tuple: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quote = "";
  for (let i = 0; i < tuple.length; i++) {
    const c = tuple[i]!;
    if (quote) {
      if (c === quote && tuple[i + 1] === quote) {
        cur += c;
        i++;
      } else if (c === "\\" && i + 1 < tuple.length) cur += tuple[++i];
      else if (c === quote) quote = "";
      else cur += c;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === ",") {
      out.push(cur.trim());
      cur = "";
    } else cur += c;
  }
  out.push(cur.trim());
  return out;
}

/**
 * Allowed unless the INSERT's password column holds a literal password (not a hash, NULL or
 * placeholder): the allowlist hook sees the whole statement, so values line up with columns.
 */
function sqlRowWithoutPassword(c: Candidate): boolean {
  const m = /\(([^)]{1,1000})\)\s{0,4}VALUES\s{0,4}\(([^)]{1,4000})\)/i.exec(c.match);
  if (!m) return true;
  const cols = m[1]!.split(",").map((s) => s.trim());
  const vals = sqlValues(m[2]!);
  const i = cols.findIndex((col) => PASSWORD_COLUMN.test(col));
  if (i < 0 || vals.length !== cols.length) return true;
  const v = vals[i]!;
  return /^null$/i.test(v) || !literalPassword(v);
}

export const rules: readonly Rule[] = [
  {
    id: "php-define-password",
    provider: "PHP",
    description: "Password or secret in a PHP define() (wp-config.php, config.php: DB_PASSWORD, SMTP_PASS, ...)",
    keywords: ["define"],
    pattern: /\bdefine\s{0,4}\(\s{0,4}(["'])[A-Z0-9_]{0,40}(?:PASSWORD|PASSWD|_PASS|_PWD|SECRET|API_KEY|_TOKEN)\1\s{0,24},\s{0,24}(["'])(?<secret>[^"'\\\n]{4,256})\2\s{0,4}\)/i,
    validate: (v) => chosenPassword(v) && !/^(?:true|false|\d{1,5})$/i.test(v) && !/_here$/i.test(v),
    severity: "high",
    confidence: "medium",
    examples: {
      match: [
        "define( 'DB_PASSWORD', 'Wq8!Lm3xZ2pT' );", // keyward:allow
        'define("SMTP_PASS", "r7Kq2mLz9w");', // keyward:allow
        "define('STRIPE_API_KEY', 'Zq4vT8mW2xLp9sKe');", // keyward:allow
      ],
      noMatch: ["define( 'DB_PASSWORD', 'password_here' );", "define('DB_PASSWORD', getenv('DB_PASSWORD'));", "define('DB_USER', 'wordpress');", "define( 'DB_PASSWORD', '' );"],
    },
  },
  {
    id: "wordpress-auth-key",
    provider: "WordPress",
    description: "WordPress authentication key or salt (wp-config.php AUTH_KEY, NONCE_SALT, ...)",
    keywords: ["_key", "_salt"],
    pattern: new RegExp(String.raw`\bdefine\s{0,4}\(\s{0,4}(["'])(?:${WP_KEYS})\1\s{0,24},\s{0,24}(["'])(?<secret>(?:(?!\2)[^\n\\]){16,256})\2`),
    validate: (v) => !WP_PLACEHOLDER.test(v) && shannonEntropy(v) >= 4,
    severity: "high",
    confidence: "high",
    examples: {
      match: ["define( 'AUTH_KEY',         'q#8Lm]3xZ2p{T9v!Kc3R@bN7w%Yh&Fj5sD^Gk1' );", "define('NONCE_SALT', 'M4x!pQ2#vL9@zR7&kW3^tY8*bN5(cJ1)hF6');"], // keyward:allow
      noMatch: ["define( 'AUTH_KEY',         'put your unique phrase here' );", "define('NONCE_SALT', getenv('NONCE_SALT'));"],
    },
  },
  {
    id: "django-secret-key",
    provider: "Django",
    description: "Django SECRET_KEY in a settings module",
    keywords: ["secret_key"],
    paths: ["*.py"],
    pattern: /^[ \t]{0,8}SECRET_KEY[ \t]{0,4}=[ \t]{0,4}[rbu]?(["'])(?<secret>(?:(?!\1)[^\n\\]){20,256})\1/m,
    validate: (v) => shannonEntropy(v) >= 3.5 && !/^(?:your|change|replace|dummy|test|fake)/i.test(v) && !hasProviderFormat(v),
    severity: "high",
    confidence: "high",
    examples: {
      path: "mysite/settings.py",
      match: ["SECRET_KEY = 'django-insecure-q8#Lm3xZ2p!T9v@Kc3Rb&N7w^Yh5sD(Gk1'", 'SECRET_KEY = "n7$w^Yh5sD(Gk1q8#Lm3xZ2p!T9v@Kc3Rb&M4"'], // keyward:allow
      noMatch: ["SECRET_KEY = os.environ['DJANGO_SECRET_KEY']", "SECRET_KEY = env('SECRET_KEY')", "SECRET_KEY = 'change-me-to-a-long-random-string'"],
    },
  },
  {
    id: "rails-master-key",
    provider: "Ruby on Rails",
    description: "Rails master key or credentials key file (decrypts config/credentials*.yml.enc)",
    keywords: [],
    paths: ["config/master.key", "**/config/master.key", "config/credentials/*.key", "**/config/credentials/*.key"],
    pathOnly: true,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["config/master.key", "apps/shop/config/credentials/production.key"],
      noMatch: ["config/credentials.yml.enc", "docs/master.key.md", "config/master.key.example"],
    },
  },
  {
    id: "rails-master-key-env",
    provider: "Ruby on Rails",
    description: "Rails master key in an environment variable (RAILS_MASTER_KEY)",
    keywords: ["rails_master_key"],
    pattern: /\bRAILS_MASTER_KEY["']?[ \t]{0,4}[=:][ \t]{0,4}["']?(?<secret>[0-9a-f]{32})(?![0-9a-f])/i,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["RAILS_MASTER_KEY=3f9c2b7e1a8d4c6f0b5e9a2d7c4f1e8b", '  RAILS_MASTER_KEY: "0a1b2c3d4e5f60718293a4b5c6d7e8f9"'], // keyward:allow
      noMatch: ["RAILS_MASTER_KEY=${{ secrets.RAILS_MASTER_KEY }}", "RAILS_MASTER_KEY=$(cat config/master.key)"],
    },
  },
  {
    id: "git-credentials",
    provider: "Git",
    description: "Credential in a .git-credentials store (https://user:token@host)",
    keywords: ["://"],
    paths: [".git-credentials", "git-credentials", "**/.config/git/credentials"],
    pattern: /^[ \t]{0,8}[a-z][a-z0-9+.-]{1,20}:\/\/[^:@\s/]{1,256}:(?<secret>[^@\s]{1,512})@[^\s/]{1,253}/m,
    validate: (v) => plausiblePassword(v),
    severity: "high",
    confidence: "high",
    examples: {
      path: "home/ci/.git-credentials",
      match: ["https://ci-bot:Xk29fLq8Zp4Tv7Wm@git.corp.internal", "https://oauth2:q8Lm3xZ2pWtK9vRb@gitlab.corp.internal\nhttps://deploy:Tz8qLm2vXr4N@bitbucket.org"], // keyward:allow
      noMatch: ["https://ci-bot@git.corp.internal", "https://user:${TOKEN}@git.corp.internal"],
    },
  },
  {
    id: "password-hash-file",
    provider: "Generic",
    description: "Password hash in an htpasswd, shadow or proftpd password file (crackable offline)",
    keywords: ["$1$", "$5$", "$6$", "$apr1$", "$2y$", "$2a$", "$2b$", "$y$", "{sha}"],
    // `user:hash` at the start of a line, as htpasswd, /etc/shadow and ftpasswd write it.
    pattern: /^[A-Za-z0-9_][\w.@-]{0,63}:(?<secret>\$(?:1|5|6|apr1|2[aby]|y)\$[./A-Za-z0-9$]{8,200}|\{SHA\}[A-Za-z0-9+/]{27}=)(?=:|[ \t]*$)/im,
    severity: "medium",
    confidence: "high",
    examples: {
      match: [
        "admin:$apr1$rT4x9Lq2$Wq8Lm3xZ2pTk9vRbN7wYh1", // keyward:allow
        "root:$6$Zq4vT8mW$Kc3RbN7wYh5sDGk1q8Lm3xZ2pT9vKc3RbN7wYh5sDGk1q8Lm3xZ2pT9vKc3RbN7wYh5sDGk1q8Lm3x:19700:0:99999:7:::", // keyward:allow
        "deploy:$2y$10$Qm3Vf9gX4b1hN8sL2kP0uO7cW5eR6tY9iU3oP1aS2dF4gH6jK8lZ", // keyward:allow
        "ftpuser:$1$Lq8Wm2Xv$9Tp4Rc7NbZk3Lq8Wm2Xv9T:1001:1001::/srv/ftp:/bin/false", // keyward:allow
        "webdav:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=", // keyward:allow
      ],
      noMatch: ["root:*:19700:0:99999:7:::", "daemon:!:19700::::::", 'password_hash = "$2b$12$Qm3Vf9gX4b1hN8sL2kP0uO7cW5eR6tY9iU3oP1aS2dF4gH6jK8lZ"', "echo 'admin:$apr1$' >> .htpasswd"],
    },
  },
  {
    id: "filezilla-password",
    provider: "FileZilla",
    description: "Saved FTP/SFTP password in a FileZilla site or recent-servers file (<Pass>, base64 or plain)",
    keywords: ["<pass"],
    pattern: /<Pass(?:[ \t]{1,4}encoding="base64")?>(?<secret>[^<\s]{1,1024})<\/Pass>/,
    validate: (v) => {
      const decoded = /^[A-Za-z0-9+/]{4,1024}={0,2}$/.test(v) ? decodeBase64Text(v) : undefined;
      return chosenPassword(decoded ?? v);
    },
    severity: "high",
    confidence: "high",
    examples: {
      path: "AppData/Roaming/FileZilla/sitemanager.xml",
      match: [`<Server><Host>ftp.corp.internal</Host><User>deploy</User><Pass encoding="base64">${b64("Wq8!Lm3xZ2pT")}</Pass></Server>`, "<Pass>Kx2Lm9qZ7w</Pass>"], // keyward:allow
      noMatch: ['<Pass encoding="base64"></Pass>', `<Pass encoding="base64">${b64("password")}</Pass>`],
    },
  },
  {
    id: "winscp-password",
    provider: "WinSCP",
    description: "Saved session password in WinSCP.ini (obfuscated, and reversible)",
    keywords: ["password="],
    paths: ["winscp.ini", "*winscp*.ini"],
    pattern: /^[ \t]{0,8}Password=(?<secret>[0-9A-F]{16,1024})[ \t]*$/m,
    severity: "high",
    confidence: "high",
    examples: {
      path: "WinSCP.ini",
      match: ["[Sessions\\deploy@sftp.corp.internal]\nHostName=sftp.corp.internal\nUserName=deploy\nPassword=A35C4D5E6F7A8B9C0D1E2F3A4B5C6D7E8F9A0B1C2D3E"], // keyward:allow
      noMatch: ["[Sessions\\deploy]\nPassword=", "PasswordPlain=false"],
    },
  },
  {
    id: "mail-client-password",
    provider: "Generic",
    description: "SMTP or mail-fetch password in .esmtprc, .msmtprc or .fetchmailrc",
    keywords: ["password", "pass "],
    paths: [".esmtprc", "esmtprc", ".msmtprc", "msmtprc", ".fetchmailrc", "fetchmailrc"],
    pattern: /\b(?:password|pass)\b[ \t]{0,4}=?[ \t]{0,4}(["']?)(?<secret>[^\s"']{4,256})\1(?=\s|$)/,
    validate: chosenPassword,
    severity: "high",
    confidence: "high",
    examples: {
      path: "home/.esmtprc",
      match: ['identity deploy@corp.internal\n  hostname smtp.corp.internal:587\n  username "deploy"\n  password "Wq8Lm3xZ2pT"', "password=Kx2Lm9qZ7w"], // keyward:allow
      noMatch: ['password ""', "passwordeval gpg -d ~/.msmtp.gpg"],
    },
  },
  {
    id: "game-server-password",
    provider: "Generic",
    description: "Game or voice server admin / RCON password in a server config (server.cfg, server.properties, GameUserSettings.ini, murmur.ini, ts3server.ini)",
    keywords: ["rcon", "sv_password", "adminpassword", "serverpassword", "serveradmin_password", "joinpassword", "superuser_password"],
    paths: ["*.cfg", "*.ini", "server.properties", "*.conf"],
    pattern: /\b(?:rcon_password|rcon\.password|sv_password|ServerAdminPassword|AdminPassword|ServerPassword|serveradmin_password|JoinPassword|superuser_password)[ \t]{0,4}(?:=|:|[ \t])[ \t]{0,4}(["']?)(?<secret>[^\s"';]{4,128})\1/i,
    validate: chosenPassword,
    severity: "medium",
    confidence: "medium",
    examples: {
      path: "cstrike/cfg/server.cfg",
      match: ['rcon_password "Wq8Lm3xZ2pT"', "ServerAdminPassword=Kx2Lm9qZ7w", "rcon.password=h7Gq2pLm9"], // keyward:allow
      noMatch: ['rcon_password ""', 'sv_password ""', "ServerPassword="],
    },
  },
  {
    id: "dbeaver-credentials",
    provider: "DBeaver",
    description: "DBeaver saved connection credentials (credentials-config.json, encrypted with a key DBeaver ships)",
    keywords: [],
    paths: ["**/.dbeaver/credentials-config.json", ".dbeaver/credentials-config.json"],
    pathOnly: true,
    severity: "high",
    confidence: "high",
    examples: {
      match: [".dbeaver/credentials-config.json", "workspace6/General/.dbeaver/credentials-config.json"],
      noMatch: [".dbeaver/data-sources.json", "docs/credentials-config.json.md"],
    },
  },
  {
    id: "db-client-password",
    provider: "Generic",
    description: "Saved database password in a DBeaver data-source or Robo 3T / Studio 3T connection file",
    keywords: ["password", "passphrase"],
    paths: ["data-sources*.json", "robo3t.json", "robomongo.json", "3T*.json"],
    pattern: /"(?:password|userPassword|sshUserPassword|sshPassphrase|auth-password)"[ \t]{0,4}:[ \t]{0,4}"(?<secret>[^"\\]{4,256})"/,
    validate: chosenPassword,
    severity: "high",
    confidence: "high",
    examples: {
      path: ".3T/robo-3t/1.4.4/robo3t.json",
      match: ['"credentials": [{ "userName": "admin", "userPassword": "Wq8Lm3xZ2pT", "databaseName": "admin" }]', '"sshUserPassword" : "Kx2Lm9qZ7w"'], // keyward:allow
      noMatch: ['"userPassword": ""', '"password": "${DB_PASSWORD}"'],
    },
  },
  {
    id: "sql-create-user-password",
    provider: "Generic",
    description: "Password in SQL: CREATE/ALTER USER, ROLE or LOGIN with an IDENTIFIED BY or PASSWORD clause",
    keywords: ["identified by", "password"],
    pattern: /\b(?:CREATE|ALTER)[ \t]{1,4}(?:USER|ROLE|LOGIN)[ \t]{1,4}[^;\n]{1,200}?\b(?:IDENTIFIED[ \t]{1,4}BY|PASSWORD)[ \t]{1,4}(?:=[ \t]{0,4})?'(?<secret>[^'\n]{4,256})'/i,
    validate: (v) => chosenPassword(v) && !/^(?:md5|SCRAM-SHA|\*[0-9A-F]{40})/.test(v),
    severity: "high",
    confidence: "medium",
    examples: {
      path: "db/init.sql",
      match: ["CREATE USER 'app'@'%' IDENTIFIED BY 'Wq8!Lm3xZ2pT';", "CREATE ROLE reporting WITH LOGIN PASSWORD 'Kx2Lm9qZ7w';", "ALTER LOGIN sa WITH PASSWORD = 'h7Gq2!pLm9'"], // keyward:allow
      noMatch: ["CREATE USER 'app'@'%' IDENTIFIED BY 'password';", "CREATE ROLE app WITH LOGIN PASSWORD :'app_password';", "ALTER USER app PASSWORD 'md5a3556571e93b0d20722ba62be61e8c2d';"],
    },
  },
  {
    id: "sql-grant-password",
    provider: "Generic",
    description: "Password in a SQL GRANT with an IDENTIFIED BY clause",
    keywords: ["identified by"],
    pattern: /\bGRANT[ \t][^;\n]{1,300}?\bIDENTIFIED[ \t]{1,4}BY[ \t]{1,4}'(?<secret>[^'\n]{4,256})'/i,
    validate: chosenPassword,
    severity: "high",
    confidence: "medium",
    examples: {
      path: "db/grants.sql",
      match: ["GRANT ALL PRIVILEGES ON shop.* TO 'shop'@'localhost' IDENTIFIED BY 'Tz8qLm2vXr4N';"], // keyward:allow
      noMatch: ["GRANT SELECT ON shop.* TO 'ro'@'%';", "GRANT ALL ON *.* TO 'x'@'%' IDENTIFIED BY 'changeme';"],
    },
  },
  {
    id: "sql-dump-password",
    provider: "Generic",
    description: "Plain password in a SQL dump: an INSERT whose password column holds a literal, not a hash",
    keywords: ["insert into"],
    paths: ["*.sql"],
    pattern: /\bINSERT[ \t]{1,4}INTO[ \t]{1,4}[\w`".[\]]{1,128}[ \t]{0,4}\((?=[^)]{0,1000}(?:pass|pwd))[^)]{1,1000}\)[ \t]{0,4}VALUES[ \t]{0,4}\((?<secret>[^)\n]{1,4000})\)/i,
    allow: { when: sqlRowWithoutPassword },
    severity: "high",
    confidence: "medium",
    examples: {
      path: "backup/users.sql",
      match: ["INSERT INTO `users` (`id`, `login`, `password`) VALUES (1, 'admin', 'Wq8!Lm3xZ2pT');", "INSERT INTO accounts (name, pwd, email) VALUES ('ops', 'Kx2Lm9qZ7w', 'ops@corp.internal');"], // keyward:allow
      noMatch: [
        "INSERT INTO `users` (`id`, `login`, `password`) VALUES (1, 'admin', '$2y$10$Qm3Vf9gX4b1hN8sL2kP0uO7cW5eR6tY9iU3oP1aS2dF4gH6jK8lZ');",
        "INSERT INTO users (id, login, password) VALUES (1, 'admin', NULL);",
        "INSERT INTO posts (id, title) VALUES (1, 'Hello');",
      ],
    },
  },
  {
    id: "password-comparison",
    provider: "Generic",
    description: 'Password literal compared in code (if (password == "…"), password.equals("…"))',
    keywords: ["pass", "pwd", "secret"],
    pattern: /\b\w{0,30}(?:pass(?:word|wd|phrase)?|pwd|secret)\w{0,30}(?:\(\)|\))?[ \t]{0,3}(?:===?|!==?|\.equals(?:IgnoreCase)?\(|\.compare\()[ \t]{0,3}(["'])(?<secret>[^"'\s\\]{4,256})\1/i,
    validate: literalPassword,
    severity: "medium",
    confidence: "medium",
    examples: {
      match: ['if (password == "Hv3n!B8sWq1") {', "if input_pwd != 'Tq7#mL2vX9':", 'if (userPassword.equals("k8Rz!wP4q9")) return true;', 'if (form.getPassword().equals("Gd5$kL9wQ2")) {'], // keyward:allow
      noMatch: ['if (password == "")', 'if (type === "password")', "if (password === confirmPassword)", 'if (password == "password")', '"password"===T.type&&e()'],
    },
  },
  {
    id: "password-strcmp",
    provider: "Generic",
    description: "Password literal compared with strcmp() and friends in C",
    keywords: ["cmp"],
    pattern: /\bstr(?:n?case)?n?cmp[ \t]{0,2}\([ \t]{0,2}\w{0,30}(?:pass(?:word|wd)?|pwd|secret)\w{0,30}[ \t]{0,2},[ \t]{0,2}"(?<secret>[^"\s\\]{4,256})"/i,
    validate: literalPassword,
    severity: "medium",
    confidence: "medium",
    examples: {
      match: ['if (strcmp(pass, "Gd5$kL9wQ2") == 0)', 'if (!strncmp(input_password, "Tq7#mL2vX9", 10))'], // keyward:allow
      noMatch: ['if (strcmp(pass, "") == 0)', "if (strcmp(user, name) == 0)"],
    },
  },
  {
    id: "c-password-literal",
    provider: "Generic",
    description: 'Password literal in a C/C++ declaration (char password[] = "…", const char *secret = "…")',
    keywords: ["pass", "pwd", "secret"],
    pattern: /\b(?:(?:unsigned[ \t]{1,4})?char|wchar_t|std::string)[ \t]{1,4}\*?[ \t]{0,4}(?:const[ \t]{1,4})?\w{0,30}(?:pass(?:word|wd|phrase)?|pwd|secret)\w{0,30}[ \t]{0,4}(?:\[[ \t]{0,2}\d{0,5}[ \t]{0,2}\])?[ \t]{0,4}=[ \t]{0,4}L?"(?<secret>[^"\s\\]{4,256})"/i,
    validate: literalPassword,
    severity: "medium",
    confidence: "medium",
    examples: {
      match: ['char secret[] = "Hv3n!B8sWq1";', 'static const char *admin_password = "Tq7#mL2vX9";'], // keyward:allow
      noMatch: ['char password[64] = "";', 'char *password = getenv("PASSWORD");', 'const char *password_prompt = "Password:";'],
    },
  },
  {
    id: "password-statement",
    provider: "Generic",
    description: 'Password in a configuration statement (password "…"; as in keepalived, BIND, Junos)',
    keywords: ["password", "passwd", "secret"],
    pattern: /^[ \t]{0,16}\w{0,30}(?:password|passwd|secret)[ \t]{1,4}"(?<secret>[^"\s\\]{4,256})"[ \t]{0,4};/im,
    validate: literalPassword,
    severity: "medium",
    confidence: "medium",
    examples: {
      path: "etc/keepalived/keepalived.conf",
      match: ['  auth_password "k8Rz!wP4q9";', '    secret "Gd5$kL9wQ2";'], // keyward:allow
      noMatch: ['password "%s";', 'password "";'],
    },
  },
];
