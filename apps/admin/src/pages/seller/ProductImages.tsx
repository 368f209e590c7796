import type { Schemas } from '@ocop/api-client';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { api } from '../../api/client';
import { multipartBody } from '../../api/files';
import { unwrap } from '../../api/request';
import { ConfirmDialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { formatBytes } from '../../format';
import { useFormErrors } from '../../forms';
import { useI18n } from '../../i18n/I18nProvider';

type Product = Schemas['SellerProductDto'];
type Image = Schemas['ProductImageDto'];
const MAX_IMAGES = 12;
const ACCEPT = 'image/jpeg,image/png,image/webp';

/** Photos of the product: the first is the one buyers see in lists. */
export function ProductImages({ product, onChanged }: { product: Product; onChanged: () => void }) {
  const { t, tn, language } = useI18n();
  const fileInput = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [altText, setAltText] = useState('');
  const [removing, setRemoving] = useState<Image | null>(null);
  const { attachForm, ...errors } = useFormErrors('image');

  const upload = useMutation({
    mutationFn: (input: { file: File; altText: string }) =>
      unwrap(
        api.POST('/api/seller/products/{id}/images', {
          params: { path: { id: product.id } },
          ...multipartBody({ file: input.file, altText: input.altText.trim() || undefined }),
        }),
      ),
    onSuccess: () => {
      setFile(null);
      setAltText('');
      if (fileInput.current) fileInput.current.value = '';
      onChanged();
    },
    onError: errors.report,
  });
  const remove = useMutation({
    mutationFn: (image: Image) =>
      unwrap(
        api.DELETE('/api/seller/products/{id}/images/{imageId}', {
          params: { path: { id: product.id, imageId: image.id } },
        }),
      ),
    onSuccess: () => {
      setRemoving(null);
      onChanged();
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    errors.reset();
    if (!errors.reportLocal(file ? {} : { file: 'images.chooseFile' })) return;
    if (file) upload.mutate({ file, altText });
  };

  return (
    <>
      {product.images.length === 0 ? (
        <p className="muted">{t('images.empty')}</p>
      ) : (
        <ul className="image-grid" aria-label={tn('images.count', product.images.length)}>
          {product.images.map((image, index) => (
            <li key={image.id} className="image-tile">
              <img src={image.url} alt={image.altText} loading="lazy" />
              <div className="image-meta">
                {index === 0 ? <span className="status-badge status-info">{t('images.cover')}</span> : null}
                <span className="muted small">{image.altText || t('images.noAlt')}</span>
                <span className="muted small">{formatBytes(language, image.byteSize)}</span>
              </div>
              <button type="button" className="button button-secondary button-small" onClick={() => setRemoving(image)}>
                {t('images.remove')}
                <span className="visually-hidden"> {index + 1}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {product.images.length < MAX_IMAGES ? (
        <form ref={attachForm} className="form upload-form" noValidate onSubmit={submit} aria-busy={upload.isPending}>
          <FormError failure={errors.failure} title={t('images.failed')} />
          <Field
            label={t('images.file')}
            hint={t('images.fileHint')}
            error={errors.fields.file ? t(errors.fields.file) : undefined}
          >
            {(control) => (
              <input
                {...control}
                ref={fileInput}
                name="file"
                type="file"
                accept={ACCEPT}
                onChange={(event) => {
                  setFile(event.target.files?.[0] ?? null);
                  errors.clear('file');
                }}
              />
            )}
          </Field>
          <Field
            label={t('images.altText')}
            hint={t('images.altTextHint')}
            optional={t('common.optional')}
            error={errors.fields.altText ? t(errors.fields.altText) : undefined}
          >
            {(control) => (
              <input
                {...control}
                name="altText"
                value={altText}
                maxLength={200}
                onChange={(event) => setAltText(event.target.value)}
              />
            )}
          </Field>
          <div className="form-actions">
            <button
              type="submit"
              className="button button-secondary"
              disabled={upload.isPending}
              aria-describedby={hintId}
            >
              {upload.isPending ? <span className="spinner" aria-hidden="true" /> : null}
              {upload.isPending ? t('images.uploading') : t('images.upload')}
            </button>
            <span id={hintId} className="muted small">
              {t('images.limit', { count: product.images.length, max: MAX_IMAGES })}
            </span>
          </div>
        </form>
      ) : (
        <p className="muted">{t('images.full', { max: MAX_IMAGES })}</p>
      )}
      <ConfirmDialog
        open={removing !== null}
        title={t('images.removeTitle')}
        confirmLabel={t('images.remove')}
        busy={remove.isPending}
        failure={remove.error}
        onConfirm={() => removing && remove.mutate(removing)}
        onCancel={() => setRemoving(null)}
      >
        {removing ? (
          <div className="dialog-preview">
            <img src={removing.url} alt={removing.altText} />
            <p>{t('images.removeBody')}</p>
          </div>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
