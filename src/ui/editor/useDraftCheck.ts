import { useEffect, useState } from 'react';
import { useStore } from '../../store';
import { engine } from '../useEngine';
import type { DraftCheck } from './draftChecker';
import { DRAFT_APPLIED, DraftChecker } from './draftChecker';

/**
 * The live check of the editor's unapplied draft (see DraftChecker). The store is read through a
 * subscription, not a selector: the draft changes on every keystroke, and the editor need only
 * re-render when a check starts or an answer arrives.
 */
export function useDraftCheck(): DraftCheck {
  const [check, setCheck] = useState<DraftCheck>(DRAFT_APPLIED);
  useEffect(() => {
    const checker = new DraftChecker((files) => engine().validate(files), setCheck);
    checker.update(useStore.getState());
    const unsubscribe = useStore.subscribe((s) => {
      checker.update(s);
    });
    return () => {
      unsubscribe();
      checker.dispose();
    };
  }, []);
  return check;
}
