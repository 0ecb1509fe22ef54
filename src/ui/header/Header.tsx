/**
 * The top bar: the app name, the task picker, the Presets, Share, Runs, Export and Import
 * menus, Exit presentation when a link's layout is on, and the theme switch.
 */

import { PresenterLayout } from '../session/PresenterLayout';
import { SessionMenu } from '../session/SessionMenu';
import { PresetsDialog } from './PresetsDialog';
import { TaskPicker } from './TaskPicker';
import { ThemeToggle } from './ThemeToggle';

export function Header() {
  return (
    <header className="header">
      <h1 className="header__title">NAS Playground</h1>
      <TaskPicker />
      <div className="header__spacer" />
      <PresetsDialog />
      <SessionMenu />
      <PresenterLayout />
      <ThemeToggle />
    </header>
  );
}
