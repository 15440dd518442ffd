import { API_IDS } from "@backup-links/core";

const API_LIST = API_IDS.join(", ");

const LINK_OPTIONS = `  --backup-id ID       the backup (required)
  --instance-id ID     the instance (DDS and DCS: required)
  --region REGION      e.g. eu-de, ap-southeast-1, cn-north-1 (default: the vendor's region variable)
  --project-id ID      Huawei Cloud and OTC (default: the vendor's project variable)
  --expiration SECS    link lifetime: DCS 300-86400 (default 1800), JD Cloud 1-86400
  --file-name NAME     JD Cloud, SQL Server backups: the file (e.g. my_db.bak)
  --endpoint URL       use this base URL (a mock, a proxy) instead of the region's
  --proxy URL          send requests through this proxy (default: HTTPS_PROXY / HTTP_PROXY, minus NO_PROXY)`;

export const MAIN_HELP = `backup-links: download managed-database backups from Open Telekom Cloud, Huawei Cloud and JD Cloud

Usage:
  backup-links apis [--json]
  backup-links links <api> --backup-id ID [options] [--json] [--show-links]
  backup-links download <api> --backup-id ID [options] [--out DIR|-] [--concurrency N] [--connections N] [--quiet] [--json]

APIs: ${API_LIST}
Credentials come from the environment, by each vendor's own variable names:
  OTC: OS_ACCESS_KEY + OS_SECRET_KEY (or OS_TOKEN), OS_PROJECT_ID, OS_REGION_NAME
  Huawei Cloud: HUAWEICLOUD_SDK_AK + HUAWEICLOUD_SDK_SK (or HW_AUTH_TOKEN), HUAWEICLOUD_SDK_PROJECT_ID, HW_REGION_NAME
  JD Cloud: JDCLOUD_ACCESS_KEY + JDCLOUD_SECRET_KEY

Run 'backup-links <command> --help' for a command's options.
Exit status: 0 ok, 2 bad usage, 3 API error, 4 download failed, 130 interrupted (SIGINT), 143 stopped (SIGTERM).`;

export const APIS_HELP = `Usage: backup-links apis [--json]

Lists every API with its regions and the options it needs.

  --json               print JSON instead of a table`;

export const LINKS_HELP = `Usage: backup-links links <api> --backup-id ID [options]

Asks the API for the download links of a backup and prints its files (name, size, link expiry).
The links themselves are secrets until they expire: they are printed only with --json or --show-links.

<api>: ${API_LIST}
${LINK_OPTIONS}
  --json               print JSON with the full links
  --show-links         add the full links to the table`;

export const DOWNLOAD_HELP = `Usage: backup-links download <api> --backup-id ID [options]

Downloads every file of a backup into a directory. Each file is written to <name>.part (with a small
<name>.part.json recording where it comes from and which parts are on disk) and renamed when complete and
verified: its length, and its MD5 when the object store's ETag is one. <name>.sha256 holds its SHA-256
(check later with sha256sum -c). Files of 256 MiB and more are fetched in 64 MiB parts over several
connections. Run the same command again to resume after a failure, Ctrl-C or a crash; expired links are
renewed on the way. With --out - a single-file backup is written to stdout (e.g. | gunzip | mysql).

<api>: ${API_LIST}
${LINK_OPTIONS}
  --out DIR            where to write the files (default: the current directory); - for stdout
  --concurrency N      files downloaded at the same time, 1-16 (default 3)
  --connections N      connections per file of 256 MiB or more, 1-16 (default 4)
  --quiet              no progress output (errors are still printed)
  --no-fsync           skip flushing each file to disk before renaming it (faster; a power cut may lose it)
  --json               one JSON event per line on stdout (on stderr with --out -) instead of progress`;
