import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { type Editor, EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useId } from 'react';
import { renderCaret } from '../plan/caret';
import { colorFor } from '../plan/colors';
import type { PlanSession } from '../plan/plan-session';
import { SaveStatusView } from '../plan/SaveStatusView';
import { PresenceList } from '../plan/PresenceList';
import { usePresence } from '../plan/use-presence';
import { useSaveStatus } from '../plan/use-save-status';
import { useNotesSession } from './use-notes-session';
import './overleg.css';

interface Props {
  docName: string;
  /** Heading of the notes (h3). */
  label: string;
  hint: string;
  canEdit: boolean;
  user: { id: string; name: string };
  /** Shown instead of the editor when the server refuses or ends access. */
  refusedText: string;
}

function Toolbar({ editor, label }: { editor: Editor; label: string }) {
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      bulletList: e.isActive('bulletList'),
      heading: e.isActive('heading', { level: 4 }),
    }),
  });
  const buttons = [
    {
      key: 'heading',
      text: 'Kopje',
      run: () => editor.chain().focus().toggleHeading({ level: 4 }).run(),
    },
    { key: 'bold', text: 'Vet', run: () => editor.chain().focus().toggleBold().run() },
    {
      key: 'bulletList',
      text: 'Opsomming',
      run: () => editor.chain().focus().toggleBulletList().run(),
    },
  ] as const;
  return (
    <div className="rte__toolbar" role="group" aria-label={`Opmaak van ${label.toLowerCase()}`}>
      {buttons.map((b) => (
        <button
          key={b.key}
          type="button"
          className="button button--small button--toolbar"
          aria-pressed={active[b.key]}
          onClick={b.run}
        >
          {b.text}
        </button>
      ))}
    </div>
  );
}

function NotesEditor({
  session,
  label,
  hint,
  canEdit,
  refusedText,
}: { session: PlanSession } & Omit<Props, 'docName' | 'user'>) {
  const labelId = useId();
  const hintId = useId();
  const people = usePresence(session);
  const { state } = useSaveStatus(session);
  const editor = useEditor(
    {
      extensions: [
        StarterKit.configure({ undoRedo: false, heading: { levels: [4] } }),
        Collaboration.configure({ document: session.doc, field: 'notities' }),
        CollaborationCaret.configure({
          provider: session.provider,
          user: session.user,
          render: renderCaret,
        }),
      ],
      editable: canEdit,
      editorProps: {
        attributes: {
          class: 'rte__content',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': labelId,
          'aria-describedby': hintId,
          'data-notes': session.docName,
          ...(canEdit ? {} : { 'aria-readonly': 'true' }),
        },
      },
    },
    [session, canEdit],
  );
  if (state === 'geweigerd') {
    return (
      <div className="notice notice--warning" role="alert">
        {refusedText}
      </div>
    );
  }
  return (
    <div className="live-notes">
      <div className="live-notes__bar">
        <PresenceList people={people} title="Nu in deze notities" level={4} />
        <SaveStatusView state={state} />
      </div>
      <div className={`rte${canEdit ? '' : ' rte--readonly'}`}>
        <h3 className="rte__label" id={labelId}>
          {label}
        </h3>
        <p className="hint" id={hintId}>
          {hint}
        </p>
        {editor && canEdit && <Toolbar editor={editor} label={label} />}
        <EditorContent editor={editor} className="rte__frame" />
      </div>
    </div>
  );
}

/**
 * Notes that everyone with access edits at the same time, with carets and
 * names. Writers keep a local copy (nothing lost when the wifi drops);
 * readers keep none.
 */
export function LiveNotes({ docName, user, canEdit, ...rest }: Props) {
  const session = useNotesSession(docName, user.name, colorFor(user.id), canEdit);
  if (!session) return <p role="status">Notities worden geladen…</p>;
  return <NotesEditor key={session.docName} session={session} canEdit={canEdit} {...rest} />;
}
