/**
 * The one way a manifest enters the studio, from a URL, dropped files or the catalog: schema first, then
 * internal consistency, and a message that names the field so a user can fix their converted bundle.
 */
import { manifestSchema, type Manifest } from '../families/manifest';
import { StudioError } from '../lib/errors';
import { describeIssues } from './issues';
import { checkManifestConsistency } from './manifestConsistency';

const MAX_LISTED = 3;

/**
 * Validates parsed JSON as a manifest. Throws StudioError('manifest-invalid') whose message starts with
 * `manifest.json:` and names up to three failing field paths.
 */
export function parseManifest(json: unknown, what = 'manifest.json'): Manifest {
  const result = manifestSchema.safeParse(json);
  if (!result.success) {
    throw new StudioError('manifest-invalid', describeIssues(what, result.error.issues, json, MAX_LISTED));
  }
  const problems = checkManifestConsistency(result.data);
  if (problems.length > 0) {
    const more = problems.length > MAX_LISTED ? ` (+${problems.length - MAX_LISTED} more)` : '';
    throw new StudioError('manifest-invalid', `${what}: ${problems.slice(0, MAX_LISTED).join('; ')}${more}`, problems.join('\n'));
  }
  return result.data;
}

/** Parses manifest text; text that is not JSON at all means the file is not a bundle's manifest. */
export function parseManifestText(text: string, what = 'manifest.json'): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StudioError('not-a-bundle', `${what} is not JSON (${(error as Error).message})`);
  }
  return parseManifest(json, what);
}
