/** Help > About this model: what the manifest says about the loaded bundle (its model card lives in README.md). */
import { useSessionStore } from '../../state/sessionStore';
import { Dialog } from './Dialog';

export function AboutDialog({ onClose }: { onClose(): void }) {
  const manifest = useSessionStore((s) => s.manifest);
  return (
    <Dialog title="About this model" onClose={onClose} testId="dialog-about">
      {manifest ? (
        <dl className="about-list">
          <dt>Name</dt>
          <dd>{manifest.name}</dd>
          <dt>Id</dt>
          <dd>{manifest.id}</dd>
          <dt>Family</dt>
          <dd>{manifest.family}</dd>
          <dt>Resolution</dt>
          <dd>
            {manifest.resolution[1]}×{manifest.resolution[0]}
          </dd>
          <dt>Factors</dt>
          <dd>{manifest.factors.map((f) => `${f.label} (${f.kind}, ${f.scope})`).join(', ') || 'none'}</dd>
          {manifest.objects && (
            <>
              <dt>Objects</dt>
              <dd>
                {manifest.objects.count}
                {manifest.objects.optional ? ', optional' : ''}
              </dd>
            </>
          )}
          <dt>Encoder</dt>
          <dd>{manifest.encoder ? 'yes (reference images can be encoded)' : 'no'}</dd>
          <dt>Licence</dt>
          <dd>{manifest.licence ?? 'not stated'}</dd>
          <dt>Description</dt>
          <dd className="about-description">{manifest.description || '—'}</dd>
        </dl>
      ) : (
        <p>No model is loaded.</p>
      )}
    </Dialog>
  );
}
