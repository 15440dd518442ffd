import { API_IDS } from "@backup-links/core";

const API_LIST = API_IDS.join(", ");

const LINK_OPTIONS = `  --backup-id ID       the backup (required unless --latest)
  --latest             instead of --backup-id: the newest completed, downloadable backup of --instance-id
                       (which one is printed to stderr first)
  --type TYPE          with --latest: full (default), incremental or differential
  --instance-id ID     the instance (DDS and DCS, and with --latest: required)
  --region REGION      e.g. eu-de, ap-southeast-1, cn-north-1 (default: the vendor's region variable)
  --project-id ID      Huawei Cloud and OTC (default: the vendor's project variable)
  --expiration SECS    link lifetime: DCS 300-86400 (default 1800), JD Cloud 1-86400
  --file-name NAME     JD Cloud, SQL Server backups: the file (e.g. my_db.bak)
  --endpoint URL       use this base URL (a mock, a proxy) instead of the region's
  --os-cloud NAME      OTC: the clouds.yaml entry to use (default: OS_CLOUD)
  --proxy URL          send requests through this proxy (default: HTTPS_PROXY / HTTP_PROXY, minus NO_PROXY)`;

export const MAIN_HELP = `backup-links: download managed-database backups from Open Telekom Cloud, Huawei Cloud and JD Cloud

Usage:
  backup-links apis [--json]
  backup-links config [<api>] [--region R] [--project-id ID] [--endpoint URL] [--os-cloud NAME] [--json]
  backup-links backups <api> --instance-id ID [--type T] [--since DATE] [options] [--json]
  backup-links links <api> --backup-id ID [options] [--json] [--show-links]
  backup-links links <api> --latest --instance-id ID [options] [--json] [--show-links]
  backup-links download <api> --backup-id ID [options] [--out DIR|-] [--concurrency N] [--connections N] [--quiet] [--json]
  backup-links sync [--config FILE] [--dry-run] [--json]

APIs: ${API_LIST}
Settings come from the options, then the environment, then the vendors' own files ('backup-links config'
shows which):
  OTC: OS_ACCESS_KEY + OS_SECRET_KEY (or OS_TOKEN), OS_PROJECT_ID, OS_REGION_NAME; OS_CLOUD and clouds.yaml
  Huawei Cloud: HUAWEICLOUD_SDK_AK + HUAWEICLOUD_SDK_SK (or HW_AUTH_TOKEN), HUAWEICLOUD_SDK_PROJECT_ID,
    HUAWEICLOUD_SDK_REGION_ID (or HW_REGION_NAME); ~/.huaweicloud/credentials and regions.yaml
  JD Cloud: JDCLOUD_ACCESS_KEY + JDCLOUD_SECRET_KEY; ~/.jdc/config

Run 'backup-links <command> --help' for a command's options.
Exit status: 0 ok, 2 bad usage, 3 API error, 4 download failed, 5 a sync target failed, 6 bad sync config,
130 interrupted (SIGINT), 143 stopped (SIGTERM).`;

export const APIS_HELP = `Usage: backup-links apis [--json]

Lists every API with its regions and the options it needs.

  --json               print JSON instead of a table`;

export const CONFIG_HELP = `Usage: backup-links config [<api>] [--region R] [--project-id ID] [--endpoint URL] [--os-cloud NAME] [--json]

Shows, for one API or every API, the credentials (their kind, never a secret), project id, region and endpoint
that links, backups and download would use, and where each comes from: an option, an environment variable, or
a vendor's file (OTC clouds.yaml / secure.yaml, Huawei Cloud ~/.huaweicloud/credentials and regions.yaml,
JD Cloud ~/.jdc/config). Options win over the environment, the environment over files.

<api>: ${API_LIST}
  --region REGION      as for links
  --project-id ID      as for links
  --endpoint URL       as for links
  --os-cloud NAME      OTC: the clouds.yaml entry to use (default: OS_CLOUD)
  --json               print JSON instead of a table`;

export const BACKUPS_HELP = `Usage: backup-links backups <api> --instance-id ID [options]

Lists every backup of an instance (all pages), newest first, as a table: id, type, status, started, finished
(times in UTC) and size; '*' marks the ones that can be downloaded. --json prints the records instead.

<api>: ${API_LIST}
  --instance-id ID     the instance (required)
  --type TYPE          only full, incremental or differential backups
  --since DATE         only backups started at or after DATE: 2024-05-01 or 2024-05-01T10:00:00Z (UTC unless a zone is given)
  --region REGION      e.g. eu-de, ap-southeast-1, cn-north-1 (default: the vendor's region variable)
  --project-id ID      Huawei Cloud and OTC (default: the vendor's project variable)
  --endpoint URL       use this base URL (a mock, a proxy) instead of the region's
  --os-cloud NAME      OTC: the clouds.yaml entry to use (default: OS_CLOUD)
  --proxy URL          send requests through this proxy (default: HTTPS_PROXY / HTTP_PROXY, minus NO_PROXY)
  --json               print the records as JSON (dates as ISO 8601 UTC)`;

export const LINKS_HELP = `Usage: backup-links links <api> --backup-id ID [options]
       backup-links links <api> --latest --instance-id ID [options]

Asks the API for the download links of a backup and prints its files (name, size, link expiry).
The links themselves are secrets until they expire: they are printed only with --json or --show-links.

<api>: ${API_LIST}
${LINK_OPTIONS}
  --json               print JSON with the full links
  --show-links         add the full links to the table`;

export const DOWNLOAD_HELP = `Usage: backup-links download <api> --backup-id ID [options]
       backup-links download <api> --latest --instance-id ID [options]

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

export const SYNC_HELP = `Usage: backup-links sync [--config FILE] [--dry-run] [--json]

Keeps off-cloud copies of the latest backups, as a configuration file describes (targets: api, region,
instances, which backups, destination, copies to keep, the environment variables with the credentials).
For each target and instance: lists the backups, chooses, copies every chosen backup that is not already
there intact into <destination>/<api>/<instance>/<started, UTC>_<backup id>/ (verified, flushed, renamed into
place, with a backup.json manifest of sizes and SHA-256 written last), then deletes the oldest copies beyond
'keep' (only directories sync made). Safe from cron: one run per destination at a time (a lock file), one
failing target does not stop the others, Ctrl-C/SIGTERM stop cleanly and the next run resumes.

  --config FILE        the configuration (default: ./backup-links-sync.yaml); see the README's
                       "Keep an off-cloud copy" guide and @backup-links/cli/sync-config.schema.json
  --dry-run            print the plan (copy, skip, prune) and change nothing
  --json               print the final report as one JSON document

Exit status: 0 every target copied or up to date, 5 at least one target failed, 6 bad configuration
(nothing was changed), 130 interrupted (SIGINT), 143 stopped (SIGTERM).`;
