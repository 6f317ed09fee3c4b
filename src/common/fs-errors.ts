import { InputError } from "./errors.js";

/** What each errno means to someone choosing an output path; one short phrase each. */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: "no such file or folder",
  ENOTDIR: "a part of the path is not a folder",
  EISDIR: "is a folder",
  EEXIST: "already exists",
  ENOTEMPTY: "folder is not empty",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EFBIG: "file too large for the file system",
  ENAMETOOLONG: "file name or path too long",
  ELOOP: "too many levels of symbolic links",
  EIO: "input/output error",
  EBUSY: "busy (a mount point or in use)",
  EXDEV: "on another file system",
  EMFILE: "too many open files",
  ENFILE: "too many open files",
  EINVAL: "not a valid name here",
};

/** The errno code of a Node file-system error, or undefined for any other error. */
export function errnoCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === "string" && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

/** "no space left on device (ENOSPC)": a reason a user can act on, with the code to search for. */
export function fsReason(error: unknown): string {
  const code = errnoCode(error);
  if (code === undefined) return error instanceof Error ? error.message : String(error);
  return `${REASONS[code] ?? "cannot be written"} (${code})`;
}

/**
 * Turns a file-system failure into the user's error: the path and the reason on one line (exit 2). The disk,
 * the permissions and the path are the user's to fix; anything that is not a file-system error is rethrown.
 */
export function fsInputError(where: string, error: unknown): Error {
  if (error instanceof InputError) return error;
  if (errnoCode(error) === undefined) return error instanceof Error ? error : new Error(String(error));
  return new InputError(`${where}: ${fsReason(error)}`);
}
