import { MedirError } from './errors.js';

/**
 * A name that becomes one path component (a split, a dataset or model name, a language, a file
 * name inside a dataset): refused when it could leave its folder or name another one — empty,
 * `.` or `..`, a separator, a NUL, or a leading '-' or '.' (hidden or option-like files). `what`
 * names the option or file it came from.
 */
export function pathComponent(name: string, what: string): string {
  if (name === '' || name === '.' || name === '..' || /[/\\\0]/.test(name) || /^[-.]/.test(name)) {
    throw new MedirError('BAD_OPTION', `${what} ${JSON.stringify(name)}: not a plain name (no '/', '\\\\', '..', NUL, or leading '.' or '-'); it becomes a file or folder name`);
  }
  return name;
}
