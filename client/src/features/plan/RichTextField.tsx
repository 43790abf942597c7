import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { type Editor, EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useId } from 'react';
import { renderCaret } from './caret';
import { usePlan } from './plan-context';

type Field = 'situatie' | 'hulpvraag';

interface Props {
  field: Field;
  label: string;
  hint: string;
}

function Toolbar({ editor, label }: { editor: Editor; label: string }) {
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
    }),
  });
  const buttons = [
    {
      key: 'bold',
      text: 'Vet',
      shortcut: 'Ctrl+B',
      run: () => editor.chain().focus().toggleBold().run(),
    },
    {
      key: 'italic',
      text: 'Cursief',
      shortcut: 'Ctrl+I',
      run: () => editor.chain().focus().toggleItalic().run(),
    },
    {
      key: 'bulletList',
      text: 'Opsomming',
      shortcut: null,
      run: () => editor.chain().focus().toggleBulletList().run(),
    },
    {
      key: 'orderedList',
      text: 'Nummering',
      shortcut: null,
      run: () => editor.chain().focus().toggleOrderedList().run(),
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
          aria-keyshortcuts={b.shortcut ?? undefined}
          onClick={b.run}
        >
          {b.text}
        </button>
      ))}
    </div>
  );
}

/** Rich text bound to one fragment of the plan, with the carets and names of the others. */
export function RichTextField({ field, label, hint }: Props) {
  const { session, canEdit } = usePlan();
  const labelId = useId();
  const hintId = useId();
  const editor = useEditor(
    {
      extensions: [
        // Collaboration brings an undo that only undoes my own edits; StarterKit's would undo everyone's.
        StarterKit.configure({ undoRedo: false, heading: false }),
        Collaboration.configure({ document: session.doc, field }),
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
          'data-field': field,
          ...(canEdit ? {} : { 'aria-readonly': 'true' }),
        },
      },
    },
    [session, field, canEdit],
  );
  return (
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
  );
}
