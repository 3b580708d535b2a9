/** eld (Nito-ELD, Apache-2.0), small n-gram set, loaded on first use: n-gram language identification, no model. */
type Detector = { detect(text: string): { language: string } };
let detector: Promise<Detector> | undefined;

async function eld(): Promise<Detector> {
  return (detector ??= import('eld/small').then((m) => m.eld));
}

/** The ISO 639-1 language of a text, or '' when eld cannot tell (too short, no letters). */
export async function detectLanguage(text: string): Promise<string> {
  return (await eld()).detect(text).language;
}
