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

/**
 * Serialises an on-screen SVG as a standalone file. Colours given as CSS variables
 * (`var(--series-best)`) are replaced by their computed values, since the file has no page
 * style sheet to resolve them, and a background rectangle keeps it readable.
 */
export function standaloneSvg(svg: SVGSVGElement): string {
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
  const { width, height } = svg.getBoundingClientRect();
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(Math.round(width)));
  copy.setAttribute('height', String(Math.round(height)));
  const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', getComputedStyle(document.body).backgroundColor || '#ffffff');
  copy.insertBefore(background, copy.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
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
