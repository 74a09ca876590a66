/**
 * Small inline icons. SVG rather than emoji or symbol characters: the fonts on a Linux desktop
 * (or a projector laptop) often lack ⛨ and 🌐, and a missing glyph shows as an empty box.
 */
import { memo } from 'react';

interface IconProps {
  readonly size?: number;
}

export const ShieldIcon = memo(function ShieldIcon({ size = 11 }: IconProps) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" className="k8s-icon">
      <path
        d="M8 1.2 2.5 3.3v4.1c0 3.4 2.3 6.1 5.5 7.4 3.2-1.3 5.5-4 5.5-7.4V3.3z"
        fill="currentColor"
      />
    </svg>
  );
});

export const GlobeIcon = memo(function GlobeIcon({ size = 18 }: IconProps) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" className="k8s-icon">
      <g fill="none" stroke="currentColor" strokeWidth="1.2">
        <circle cx="8" cy="8" r="6.4" />
        <ellipse cx="8" cy="8" rx="2.8" ry="6.4" />
        <path d="M1.8 6h12.4M1.8 10h12.4" />
      </g>
    </svg>
  );
});

export const LockIcon = memo(function LockIcon({ size = 10 }: IconProps) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" className="k8s-icon">
      <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <rect x="3" y="7" width="10" height="7.5" rx="1.5" fill="currentColor" />
    </svg>
  );
});

/** Four corners: fit the whole picture to the screen. */
export const FitIcon = memo(function FitIcon({ size = 12 }: IconProps) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" className="k8s-icon">
      <path
        d="M1.5 5.5v-4h4M10.5 1.5h4v4M14.5 10.5v4h-4M5.5 14.5h-4v-4"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
      />
    </svg>
  );
});
