/** Saving generated files from the page, and turning a chart's SVG into a standalone file. */

/** Offers `content` as a download named `fileName`. */
export function downloadFile(fileName: string, content: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers, so wait a moment.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const PAINT_ATTRIBUTES = ['fill', 'stroke', 'stop-color', 'color'] as const;

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Height of the title band above an exported chart, in pixels. */
const TITLE_BAND = 26;
/** Height of each legend row below an exported chart, in pixels. */
const LEGEND_ROW = 18;
/** Estimated width of a legend character at 12 px, to wrap entries into rows. */
const LEGEND_CHARACTER = 6.6;

/** A chart exported on its own: the SVG text and its size in pixels. */
export interface StandaloneChart {
  readonly text: string;
  readonly width: number;
  readonly height: number;
}

/** Creates an SVG element with the given attributes and, optionally, text. */
function svgElement<K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/**
 * Serialises an on-screen chart as a standalone SVG file. Colours given as CSS variables
 * (`var(--series-best)`) are replaced by their computed values, since the file has no page
 * style sheet to resolve them, and a background rectangle keeps it readable. The chart's
 * panel title goes above it and its legend below, since on the page both are HTML outside
 * the SVG, and the file grows to include axis labels that overhang the chart's box.
 */
export function standaloneSvg(svg: SVGSVGElement): StandaloneChart {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  originals.forEach((element, index) => {
    const style = getComputedStyle(element);
    for (const attribute of PAINT_ATTRIBUTES) {
      const value = element.getAttribute(attribute);
      if (value?.includes('var(')) copies[index].setAttribute(attribute, style.getPropertyValue(attribute) || 'currentColor');
    }
    if (element instanceof SVGTextElement || element.tagName === 'tspan') copies[index].setAttribute('font-family', style.fontFamily);
  });

  const box = svg.getBoundingClientRect();
  let drawn: { x: number; y: number; width: number; height: number } = { x: 0, y: 0, width: box.width, height: box.height };
  try {
    drawn = svg.getBBox();
  } catch {
    // Some browsers throw for an SVG that is not rendered. The on-screen box is used then.
  }
  const left = Math.floor(Math.min(0, drawn.x));
  const top = Math.floor(Math.min(0, drawn.y));
  const chartWidth = Math.ceil(Math.max(box.width, drawn.x + drawn.width)) - left;
  const chartHeight = Math.ceil(Math.max(box.height, drawn.y + drawn.height)) - top;

  const panel = svg.closest('section');
  const title = panel?.querySelector('.panel-title')?.textContent?.trim() ?? '';
  const textColour = getComputedStyle(document.body).color || '#000000';
  const font = getComputedStyle(document.body).fontFamily;
  const legend = [...(panel?.querySelectorAll('.chart__legend li') ?? [])].map((item) => ({
    label: item.textContent?.trim() ?? '',
    colour: getComputedStyle(item.querySelector('.chart__swatch') ?? item).color,
  }));

  // Legend entries flow left to right and wrap into rows as wide as the chart.
  const placed: { label: string; colour: string; x: number; row: number }[] = [];
  let x = 8;
  let row = 0;
  for (const entry of legend) {
    const width = 22 + entry.label.length * LEGEND_CHARACTER + 14;
    if (x > 8 && x + width > chartWidth) {
      x = 8;
      row++;
    }
    placed.push({ ...entry, x, row });
    x += width;
  }
  const titleBand = title ? TITLE_BAND : 0;
  const legendBand = placed.length > 0 ? (row + 1) * LEGEND_ROW + 6 : 0;
  const width = chartWidth;
  const height = titleBand + chartHeight + legendBand;

  const root = svgElement('svg', { xmlns: SVG_NS, width, height, viewBox: `0 0 ${width} ${height}` });
  root.append(svgElement('rect', { width: '100%', height: '100%', fill: getComputedStyle(document.body).backgroundColor || '#ffffff' }));
  if (title) root.append(svgElement('text', { x: 8, y: 18, 'font-family': font, 'font-size': 14, 'font-weight': 650, fill: textColour }, title));
  copy.setAttribute('x', String(-left));
  copy.setAttribute('y', String(titleBand - top));
  copy.setAttribute('width', String(Math.round(box.width)));
  copy.setAttribute('height', String(Math.round(box.height)));
  copy.setAttribute('overflow', 'visible');
  root.append(copy);
  for (const entry of placed) {
    const y = titleBand + chartHeight + entry.row * LEGEND_ROW + 14;
    root.append(svgElement('line', { x1: entry.x, y1: y - 4, x2: entry.x + 16, y2: y - 4, stroke: entry.colour, 'stroke-width': 3 }));
    root.append(svgElement('text', { x: entry.x + 22, y, 'font-family': font, 'font-size': 12, fill: textColour }, entry.label));
  }
  return { text: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}`, width, height };
}

/**
 * Renders a standalone SVG (see `standaloneSvg`) to a PNG of `scale` times its size, so that
 * it stays sharp on slides and high-density screens.
 */
export async function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser gave no 2D canvas to draw the chart on; save the charts as SVG instead.');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the chart as PNG; save the charts as SVG instead.'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Reads a file the user picked as text. */
export function readFileText(file: File): Promise<string> {
  return file.text();
}
