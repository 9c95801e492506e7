import { useCallback, useEffect, useRef, useState } from 'react'

/** How long an informational status message stays on screen, ms. */
export const STATUS_MESSAGE_MS = 6000

/** Kind of a status message: information expires, errors stay until dismissed. */
export type MessageKind = 'info' | 'error'

/** One status message on screen. */
export interface StatusMessage {
  readonly text: string
  readonly kind: MessageKind
}

/**
 * How long a message stays, ms, or null when it stays until dismissed.
 *
 * Why errors stay: a refusal or a failure must be read before it goes; a confirmation
 * ("PNG exported") is noise once seen, and a stale one reads as a current state.
 */
export function messageLifetimeMs(message: StatusMessage | null, lifetimeMs = STATUS_MESSAGE_MS): number | null {
  if (!message || message.text === '' || message.kind === 'error') return null
  return lifetimeMs
}

/** What {@link useExpiringMessage} returns. */
export interface ExpiringMessage {
  readonly message: StatusMessage | null
  /** Shows a message (an empty text clears); a new message restarts the clock. */
  show: (text: string, kind?: MessageKind) => void
  dismiss: () => void
}

/**
 * A status message that clears itself after {@link STATUS_MESSAGE_MS} unless it is an error.
 *
 * Why a hook: every status line of the frame (drop refusals, export results) follows the same
 * rule, so the rule lives once.
 */
export function useExpiringMessage(lifetimeMs = STATUS_MESSAGE_MS): ExpiringMessage {
  const [message, setMessage] = useState<StatusMessage | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  useEffect(() => {
    const ms = messageLifetimeMs(message, lifetimeMs)
    if (ms === null) return
    timer.current = setTimeout(() => setMessage(null), ms)
    return () => {
      if (timer.current !== null) clearTimeout(timer.current)
    }
  }, [message, lifetimeMs])
  const show = useCallback((text: string, kind: MessageKind = 'info') => setMessage(text === '' ? null : { text, kind }), [])
  const dismiss = useCallback(() => setMessage(null), [])
  return { message, show, dismiss }
}
