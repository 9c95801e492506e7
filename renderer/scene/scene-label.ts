import { CanvasTexture, SRGBColorSpace } from 'three'

/**
 * Renders a text label into a canvas texture; returns it with its width/height ratio.
 * With `backdrop`, the text sits on a rounded plate of that colour (readable over shells).
 */
export function makeLabel(text: string, backdrop?: string): { readonly texture: CanvasTexture; readonly aspect: number } {
  const px = 64
  const font = `600 ${px}px system-ui, 'Liberation Sans', sans-serif`
  const canvas = document.createElement('canvas')
  const ctx = canvas.getContext('2d')
  let textWidth = text.length * px * 0.6
  if (ctx) {
    ctx.font = font
    textWidth = ctx.measureText(text).width
  }
  canvas.width = Math.ceil(textWidth + px * 0.6)
  canvas.height = Math.ceil(px * 1.4)
  if (ctx) {
    if (backdrop) {
      ctx.fillStyle = backdrop
      ctx.beginPath()
      ctx.roundRect(0, 0, canvas.width, canvas.height, px * 0.25)
      ctx.fill()
    }
    ctx.font = font
    ctx.textAlign = 'center'
    ctx.textBaseline = 'middle'
    ctx.fillStyle = '#e6ebf2'
    ctx.fillText(text, canvas.width / 2, canvas.height / 2)
  }
  const texture = new CanvasTexture(canvas)
  texture.colorSpace = SRGBColorSpace
  return { texture, aspect: canvas.width / canvas.height }
}

/** "190 nm", "1.2 nm", "4,800 nm". */
export function formatNm(v: number): string {
  const digits = v < 10 ? 1 : 0
  return `${v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} nm`
}
