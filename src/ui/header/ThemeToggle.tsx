/** Switches between the light and the dark theme. */

import * as Switch from '@radix-ui/react-switch';
import { useId } from 'react';
import { useTheme } from '../theme';

export function ThemeToggle() {
  const { theme, setTheme } = useTheme();
  const id = useId();

  return (
    <div className="field field--inline">
      <label className="field__label theme-toggle__label" htmlFor={id}>
        Dark theme
      </label>
      <Switch.Root id={id} className="switch" title="Dark theme" checked={theme === 'dark'} onCheckedChange={(dark) => setTheme(dark ? 'dark' : 'light')}>
        <Switch.Thumb className="switch__thumb" />
      </Switch.Root>
    </div>
  );
}
