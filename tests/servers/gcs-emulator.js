// Starts the Cloud Storage emulator of firebase-tools (Google's own, in Node) alone, serving the GCS JSON API
// (/storage/v1/b/BUCKET/o, /upload/storage/v1/..., /download/storage/v1/...) for the GCS store's tests.
//
//   node gcs-emulator.js --host 127.0.0.1 --port PORT --directory DIR [--bucket NAME]...
//
// Three things here are not the emulator's own, each written to GCS's documented behaviour, because the emulator lacks
// them and the store relies on them (docs/storage.md, "Google Cloud Storage"):
// - ifGenerationMatch on reads: the emulator ignores it; GCS answers 412 when the live generation differs.
// - resumable uploads in several chunks: the emulator finishes the object at the first PUT; GCS keeps the session
//   open until the chunk that ends at the total, answering 308 and the bytes it holds to the others.
// - missing buckets: the emulator creates any bucket it is asked about; GCS answers 404 "The specified bucket does not
//   exist." to a listing of or an upload into one that does not.
// Security rules are not loaded: they need a Java runtime downloaded from outside, and the JSON API's requests are
// served as the project owner's anyway.
// This reaches into firebase-tools' internals (lib/emulator/storage, the express app's route stack) as version
// 15.34.2 has them: check it when package.json moves to another version.
"use strict";
const path = require("path");

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const host = option("--host", "127.0.0.1");
const port = Number(option("--port", "9199"));
const buckets = new Set(args.filter((_, i) => i > 0 && args[i - 1] === "--bucket"));

// The emulator stages uploads under os.tmpdir(): one folder per server, so servers run side by side.
process.env.TMPDIR = path.resolve(option("--directory", require("os").tmpdir()));

const { StorageEmulator } = require("firebase-tools/lib/emulator/storage");
const { EmulatorRegistry } = require("firebase-tools/lib/emulator/registry");
const { NotFoundError } = require("firebase-tools/lib/emulator/storage/errors");
const { UploadNotActiveError } = require("firebase-tools/lib/emulator/storage/upload");
const { reqBodyToBuffer } = require("firebase-tools/lib/emulator/shared/request");

const emulator = new StorageEmulator({ projectId: "demo-schemagen", host, port, auto_download: false });
emulator._rulesRuntime.start = async () => {};
emulator._rulesRuntime.stop = async () => {};
emulator._rulesManager = { start: async () => ({ errors: [] }), stop: async () => {}, getRuleset: () => undefined };

function sendError(res, code, message, reason) {
  res.status(code).json({ error: { code, message, errors: [{ message, domain: "global", reason }] } });
}

// Runs before the emulator's routes: answers what GCS would answer where the emulator would not.
function gcsPreconditions(req, res, next) {
  const match = /^\/(?:download\/|upload\/)?(?:storage\/v1\/)?b\/([^/]+)(?:\/o(?:\/([^/]+))?)?\/?$/.exec(req.path);
  if (!match) {
    return next();
  }

  // Bucket-level requests (listings, uploads) to a missing bucket are GCS's 404; an object's request is left to the
  // emulator, whose "No such object: BUCKET/NAME" is GCS's answer there too.
  const bucket = decodeURIComponent(match[1]);
  if (!buckets.has(bucket) && !match[2]) {
    return sendError(res, 404, "The specified bucket does not exist.", "notFound");
  }

  const expected = req.query.ifGenerationMatch;
  if (req.method !== "GET" || !match[2] || expected === undefined) {
    return next();
  }

  emulator.adminStorageLayer
    .getObject({ bucketId: bucket, decodedObjectId: decodeURIComponent(match[2]) })
    .then(
      ({ metadata }) => {
        if (String(metadata.generation) !== String(expected)) {
          return sendError(res, 412, "At least one of the pre-conditions you specified did not hold.", "conditionNotMet");
        }
        next();
      },
      (err) => (err instanceof NotFoundError ? next() : next(err)),
    );
}

// A chunk of a resumable upload that is not its last ("bytes A-B/*", "bytes A-B/TOTAL" with B + 1 < TOTAL, or
// "bytes */*" to ask what is held): appended to the session, which stays open. The last chunk (B + 1 = TOTAL, or
// "bytes */TOTAL") goes on to the emulator, which appends it and creates the object.
function gcsResumableChunk(req, res, next) {
  const range = /^bytes (?:\d+-(\d+)|\*)\/(\d+|\*)$/.exec(req.header("content-range") || "");
  const last = range && range[1] !== undefined ? Number(range[1]) : -1;
  const final = range && range[2] !== "*" && last + 1 >= Number(range[2]);
  if (req.method !== "PUT" || !req.query.upload_id || !/^\/upload\/storage\/v1\/b\/[^/]+\/o$/.test(req.path) || !range || final) {
    return next();
  }

  reqBodyToBuffer(req).then((body) => {
    let upload;
    try {
      upload = emulator.uploadService.getResumableUpload(req.query.upload_id.toString());
      if (body.length > 0) {
        upload = emulator.uploadService.continueResumableUpload(upload.id, body);
      }
    } catch (err) {
      if (err instanceof NotFoundError) {
        return res.sendStatus(404);
      }

      if (err instanceof UploadNotActiveError) {
        return res.sendStatus(400);
      }

      return next(err);
    }

    if (upload.size > 0) {
      res.setHeader("Range", `bytes=0-${upload.size - 1}`);
    }

    res.status(308).end();
  }, next);
}

const createApp = require("firebase-tools/lib/emulator/storage/server").createApp;
require("firebase-tools/lib/emulator/storage/server").createApp = async (projectId, instance) => {
  const app = await createApp(projectId, instance);
  // Express keeps routes in order: the preconditions go right after its own query and request set-up.
  app.use(gcsPreconditions);
  app.use(gcsResumableChunk);
  const stack = app._router.stack;
  const first = stack.findIndex((layer) => layer.name !== "query" && layer.name !== "expressInit");
  stack.splice(first, 0, ...stack.splice(-2));
  return app;
};

EmulatorRegistry.start(emulator).then(
  () => console.log(`Cloud Storage emulator on http://${host}:${port}, buckets: ${[...buckets].join(", ")}`),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
