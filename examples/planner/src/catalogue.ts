// The scenarios the planner offers: every JSON file under scenarios/, bundled by Vite as text,
// grouped as port library (with English and Chinese port names), examples and verification cases.

/** The land ports, English and Chinese names, keyed by their folder under scenarios/. */
export const ports: Readonly<Record<string, { readonly en: string; readonly zh: string; readonly hk: string }>> = {
  luohu: { en: 'Luohu', zh: '罗湖', hk: 'Lo Wu' },
  wenjindu: { en: 'Wenjindu', zh: '文锦渡', hk: 'Man Kam To' },
  liantang: { en: 'Liantang', zh: '莲塘', hk: 'Heung Yuen Wai' },
};

export interface CatalogueEntry {
  /** Path under scenarios/, e.g. "examples/hall-with-e-gates.json" (what the URL holds). */
  readonly path: string;
  /** What the picker shows. */
  readonly label: string;
  readonly group: string;
}

const raw = import.meta.glob<string>('../../../scenarios/**/*.json', { query: '?raw', import: 'default', eager: true });

/** Path under scenarios/ -> file text, for the worker's scenario loader (`extends` included). */
export const scenarioFiles: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(raw).map(([k, text]) => [k.replace(/^(\.\.\/)+scenarios\//, ''), text]),
);

/** "Luohu 罗湖 (Lo Wu)" for a known port folder, else the folder name. */
export function portLabel(folder: string): string {
  const p = ports[folder];
  return p ? `${p.en} ${p.zh} (${p.hk})` : folder;
}

function nameOf(text: string, path: string): string {
  try {
    const name = (JSON.parse(text) as { name?: unknown }).name;
    if (typeof name === 'string') return name;
  } catch {
    // An unreadable file still appears; loading it reports the problem.
  }
  return path;
}

export const catalogue: readonly CatalogueEntry[] = Object.entries(scenarioFiles)
  .map(([path, text]) => {
    const folder = path.split('/')[0] ?? '';
    const group = folder === 'examples' ? 'Examples' : folder === 'verification' ? 'Verification cases' : folder === 'upgrades' ? 'Upgrade options' : portLabel(folder);
    return { path, label: nameOf(text, path), group };
  })
  .sort((a, b) => a.path.localeCompare(b.path));

/**
 * Default pair: a port's baseline and an upgrade option for that port (scenarios/upgrades/, file
 * name naming the port) when the port library has them, else the example hall and its variant.
 */
export function defaultPair(): readonly [string, string] {
  for (const folder of Object.keys(ports)) {
    const base = catalogue.find((e) => e.path === `${folder}/baseline.json`);
    const option = catalogue.find((e) => e.path.startsWith('upgrades/') && e.path.includes(folder));
    if (base && option) return [base.path, option.path];
  }
  return ['examples/hall-with-e-gates.json', 'examples/hall-with-more-counters.json'];
}
