// The config-file and comparison classes (src/detect/rules/app-configs.ts and friends) in the
// syntaxes they appear in, generated at run time: positives name the rule expected to catch
// them, negatives (placeholders, references, hashes where a hash is fine) expect nothing.
import { randomBytes } from "node:crypto";

const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const SYMBOLS = "!#%&*+-.:=?@^_~";
const pick = (alphabet, n) => [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join("");
/** A password a person might set: letters, digits and a symbol, 10-16 characters. */
const password = () => `${pick(ALNUM, 5)}${pick(SYMBOLS, 1)}${pick("0123456789", 2)}${pick(ALNUM, 2 + (randomBytes(1)[0] % 6))}`;
const hex = (n) => randomBytes(n / 2).toString("hex");
const b64 = (s) => Buffer.from(s).toString("base64");

/** `[rule id, path, text]` for each syntax of each class; `n` random variants of each. */
function positives() {
  const p = password();
  const wp = pick(ALNUM + SYMBOLS + "()[]{}<>$", 64);
  return [
    ["php-define-password", "wp-config.php", `define( 'DB_PASSWORD', '${p}' );`],
    ["php-define-password", "config/config.php", `define("MAILER_PASSWORD", "${p}");`],
    ["wordpress-auth-key", "wp-config.php", `define('AUTH_KEY',         '${wp.replace(/'/g, "")}');`],
    ["django-secret-key", "project/settings/production.py", `SECRET_KEY = '${pick(ALNUM + "!@#%^&*(-_=+)", 50)}'`],
    ["rails-master-key", "config/master.key", ""],
    ["rails-master-key-env", ".env.production", `RAILS_MASTER_KEY=${hex(32)}`],
    ["rails-master-key-env", "docker-compose.yml", `    environment:\n      RAILS_MASTER_KEY: "${hex(32)}"`],
    ["git-credentials", ".git-credentials", `https://ci:${pick(ALNUM, 20)}@git.corp.internal`],
    ["password-hash-file", ".htpasswd", `admin:$apr1$${pick(ALNUM, 8)}$${pick(ALNUM + "./", 22)}`],
    ["password-hash-file", "etc/shadow", `deploy:$6$${pick(ALNUM, 8)}$${pick(ALNUM + "./", 86)}:19700:0:99999:7:::`],
    ["password-hash-file", "etc/proftpd/ftpd.passwd", `ftp:$1$${pick(ALNUM, 8)}$${pick(ALNUM + "./", 22)}:1001:1001::/srv/ftp:/bin/false`],
    ["filezilla-password", "FileZilla/sitemanager.xml", `<Server><Host>ftp.corp.internal</Host><User>ops</User><Pass encoding="base64">${b64(p)}</Pass></Server>`],
    ["filezilla-password", "FileZilla/recentservers.xml", `<Pass>${p.replace(/[<&]/g, "")}</Pass>`],
    ["winscp-password", "WinSCP.ini", `[Sessions\\ops@sftp]\nHostName=sftp.corp.internal\nPassword=${hex(40).toUpperCase()}`],
    ["mail-client-password", ".esmtprc", `identity ops@corp.internal\n  hostname smtp.corp.internal:587\n  password "${p}"`],
    ["mail-client-password", ".msmtprc", `account default\nhost smtp.corp.internal\npassword ${p}`],  // keyward:allow (the value is built at run time)
    ["game-server-password", "cfg/server.cfg", `rcon_password "${p}"`],
    ["game-server-password", "ShooterGame/Saved/Config/LinuxServer/GameUserSettings.ini", `[ServerSettings]\nServerAdminPassword=${p}`],
    ["game-server-password", "server.properties", `enable-rcon=true\nrcon.password=${p}`],
    ["dbeaver-credentials", ".dbeaver/credentials-config.json", ""],
    ["db-client-password", ".3T/robo-3t/1.4.4/robo3t.json", `{"connections": [{"credentials": [{"userName": "admin", "userPassword": "${p}"}]}]}`],
    ["sql-create-user-password", "db/init.sql", `CREATE USER 'app'@'%' IDENTIFIED BY '${p}';`],  // keyward:allow (the value is built at run time)
    ["sql-create-user-password", "migrations/001_roles.sql", `CREATE ROLE reporting WITH LOGIN PASSWORD '${p}';`],  // keyward:allow (the value is built at run time)
    ["sql-grant-password", "db/grants.sql", `GRANT ALL ON shop.* TO 'shop'@'localhost' IDENTIFIED BY '${p}';`],  // keyward:allow (the value is built at run time)
    ["sql-dump-password", "backup/dump.sql", `INSERT INTO \`users\` (\`id\`, \`login\`, \`password\`) VALUES (1, 'admin', '${p}');`],  // keyward:allow (the value is built at run time)
    ["password-comparison", "src/auth.js", `if (password === "${p}") { grant(); }`],
    ["password-comparison", "app/Login.java", `if (input.getPassword().equals("${p}")) {`],
    ["password-comparison", "auth.py", `if pwd == '${p}':`],
    ["password-strcmp", "src/login.c", `if (strcmp(password, "${p}") == 0) {`],  // keyward:allow (the value is built at run time)
    ["c-password-literal", "src/main.c", `static const char secret[] = "${p}";`],  // keyward:allow (the value is built at run time)
    ["password-statement", "etc/keepalived/keepalived.conf", `    auth_password "${p}";`],
  ];
}

function negatives() {
  return [
    ["wp-config.php", "define( 'DB_PASSWORD', 'password_here' );"],
    ["wp-config.php", "define( 'AUTH_KEY', 'put your unique phrase here' );"],
    ["wp-config.php", "define( 'DB_PASSWORD', getenv('WORDPRESS_DB_PASSWORD') );"],
    ["project/settings.py", "SECRET_KEY = os.environ['DJANGO_SECRET_KEY']"],
    [".env.example", "RAILS_MASTER_KEY=REPLACE_WITH_YOUR_MASTER_KEY"],
    [".git-credentials.example", "https://user:${GIT_TOKEN}@git.corp.internal"],
    ["etc/shadow", "root:*:19700:0:99999:7:::"],
    ["FileZilla/sitemanager.xml", '<Pass encoding="base64"></Pass>'],
    ["cfg/server.cfg", 'rcon_password ""'],
    ["db/init.sql", "CREATE USER 'app'@'%' IDENTIFIED BY '{{ app_db_password }}';"],
    ["backup/dump.sql", "INSERT INTO users (id, login, password) VALUES (1, 'admin', '$2y$10$Qm3Vf9gX4b1hN8sL2kP0uO7cW5eR6tY9iU3oP1aS2dF4gH6jK8lZ');"],
    ["src/login.tsx", 'if (field.type === "password") setMasked(true);'],
    ["src/auth.js", "if (password === confirmPassword) submit();"],
    ["src/i18n/de.json", '{"login": {"password": "{{ \'Passwort\' | translate }}"}}'],
    ["k8s/secret.yaml", ["apiVersion: v1", "kind: Secret", "metadata:", "  name: api", "stringData:", "  username: deploy-bot", "  apiUsername: reporting-service", "  accountname: acme-prod"].join("\n")],
    ["config/app.yml", "api_key: fake-key-for-local-dev-123456"],
  ];
}

/** `variants` random draws of every positive, then the negatives once. */
export function* configSamples(variants = 5) {
  for (let i = 0; i < variants; i++) for (const [rule, path, text] of positives()) yield { text, path, expectedProvider: "config", expectedRule: rule };
  for (const [path, text] of negatives()) yield { text, path, expectedProvider: null };
}
