/**
 * Fixed inputs shared by the benchmark suites. The keys are made up for the benchmark (they sign requests to a
 * local server only) and appear in no vendor's account.
 */

export const BENCH_ACCESS_KEY = "BENCHAK0000000000001";
export const BENCH_SECRET_KEY = "bench-secret-key-for-local-signing-only";
export const BENCH_PROJECT_ID = "0bd5c1d4b3e94cb1a6c6f4b8a3f2e1d0";

/** Date and nonce fixed for the signature-equality checks (timing runs use the current time and a fresh nonce). */
export const FIXED_SIGNING_DATE = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));
export const FIXED_SIGNING_DATE_TEXT = "20240102T030405Z";
export const FIXED_NONCE = "6c2d7a91-4f0e-4b7a-9d1c-3e5f8a0b2c4d";

export const HUAWEI_HOST = "dds.eu-de.otc.t-systems.com";
export const JD_HOST = "rds.jdcloud-api.com";
export const JD_REGION = "cn-north-1";

export const BACKUP_ID = "2f4ddb93b9014b0893d81d2e472f30febr01";
export const INSTANCE_ID = "9136fd2a9fcd405ea4674276ce36dae8in02";

/** The fixed JSON body of the local API server in the client-overhead suite: a valid 200 for RDS v3 and for JD. */
export const RDS_V3_RESPONSE = {
  files: [
    {
      name: "43e4feaab48f11e89039fa163ebaa7e4br01.xbstream",
      size: 2803,
      download_link: "http://127.0.0.1/backups/43e4feaab48f11e89039fa163ebaa7e4br01.xbstream?Signature=bench",
      link_expired_time: "2018-08-16T10:15:14+0800",
      database_name: "",
    },
  ],
  bucket: "rdsbucket.bench",
};

export const JD_RESPONSE = {
  requestId: "c3vbmnn7rhq4c6pbs2jp0fkk1u4kbg2a",
  result: {
    publicURL: "http://127.0.0.1/backups/bench.bak?Expires=1&Signature=bench",
    internalURL: "http://127.0.0.1/backups/bench.bak?Expires=1&Signature=bench-internal",
  },
};
