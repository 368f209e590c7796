import type { Schemas } from '@ocop/api-client';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ConfirmDialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { htmlToText, textToHtml } from '../../description';
import { type FieldMessages, parseWholeNumber, useFormErrors } from '../../forms';
import { useI18n } from '../../i18n/I18nProvider';
import { useCategories } from '../../queries';

type Product = Schemas['SellerProductDto'];
type ProductInput = Schemas['CreateProductDto'];
type Packaging = NonNullable<ProductInput['packagingMaterial']>;
const PACKAGING: readonly Packaging[] = ['recyclable', 'biodegradable', 'plastic', 'other'];
const MAX_VARIANTS = 50;

interface VariantRow {
  /** Stable key for React; the API's id when the variant exists already. */
  key: string;
  id?: string;
  label: string;
  sku: string;
  price: string;
  stock: string;
  weightGrams: string;
  gtin: string;
  active: boolean;
}

interface Values {
  name: string;
  categoryCode: string;
  description: string;
  packagingMaterial: Packaging | '';
  growingAreaCode: string;
  variants: VariantRow[];
}

let rowCounter = 0;
const newRow = (): VariantRow => ({
  key: `new-${(rowCounter += 1)}`,
  label: '',
  sku: '',
  price: '',
  stock: '',
  weightGrams: '',
  gtin: '',
  active: true,
});

function initialValues(product: Product | null): Values {
  return {
    name: product?.name ?? '',
    categoryCode: product?.categoryCode ?? '',
    description: product ? htmlToText(product.descriptionHtml) : '',
    packagingMaterial: product?.packagingMaterial ?? '',
    growingAreaCode: product?.growingAreaCode ?? '',
    variants: product
      ? product.variants.map((variant) => ({
          key: variant.id,
          id: variant.id,
          label: variant.label,
          sku: variant.sku,
          price: String(variant.price),
          stock: String(variant.stock),
          weightGrams: variant.weightGrams === null ? '' : String(variant.weightGrams),
          gtin: variant.gtin ?? '',
          active: variant.active,
        }))
      : [newRow()],
  };
}

/** Number fields are checked here only for being numbers; ranges and the rest are the API's to judge. */
function toInput(values: Values): { body: ProductInput; problems: FieldMessages } {
  const problems: FieldMessages = {};
  if (!values.name.trim()) problems.name = 'productForm.required.name';
  if (!values.categoryCode) problems.categoryCode = 'productForm.required.categoryCode';
  const variants = values.variants.map((row, index) => {
    const price = parseWholeNumber(row.price);
    const stock = parseWholeNumber(row.stock);
    const weight = row.weightGrams.trim() ? parseWholeNumber(row.weightGrams) : null;
    if (!row.label.trim()) problems[`variants.${index}.label`] = 'productForm.required.label';
    if (!row.sku.trim()) problems[`variants.${index}.sku`] = 'productForm.required.sku';
    if (Number.isNaN(price)) problems[`variants.${index}.price`] = 'productForm.wholeDong';
    if (Number.isNaN(stock)) problems[`variants.${index}.stock`] = 'productForm.wholeNumber';
    if (weight !== null && Number.isNaN(weight)) problems[`variants.${index}.weightGrams`] = 'productForm.wholeNumber';
    return {
      ...(row.id ? { id: row.id } : {}),
      label: row.label.trim(),
      sku: row.sku.trim(),
      price,
      stock,
      weightGrams: weight,
      gtin: row.gtin.replace(/\s/g, '') || null,
      active: row.active,
    };
  });
  return {
    body: {
      name: values.name.trim(),
      categoryCode: values.categoryCode,
      descriptionHtml: textToHtml(values.description),
      packagingMaterial: values.packagingMaterial || null,
      growingAreaCode: values.growingAreaCode.trim() || null,
      variants,
    },
    problems,
  };
}

interface ProductDetailsFormProps {
  product: Product | null;
  submitLabel: string;
  save: (body: ProductInput) => Promise<Product>;
  onSaved: (product: Product) => void;
}

/** Name, category, description, packaging and the variants (each a price, SKU and stock) of a product. */
export function ProductDetailsForm({ product, submitLabel, save, onSaved }: ProductDetailsFormProps) {
  const { t, language, tn } = useI18n();
  const categories = useCategories();
  const [values, setValues] = useState(() => initialValues(product));
  const [confirmRemoval, setConfirmRemoval] = useState<ProductInput | null>(null);
  const { attachForm, ...errors } = useFormErrors('product');
  const mutation = useMutation({
    mutationFn: save,
    onSuccess: (saved) => {
      setValues(initialValues(saved));
      onSaved(saved);
    },
    onError: errors.report,
  });
  const error = (name: string) => (errors.fields[name] ? t(errors.fields[name]) : undefined);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    errors.clear(key);
  };
  const setVariant = (index: number, changes: Partial<VariantRow>) => {
    setValues((current) => ({
      ...current,
      variants: current.variants.map((row, position) => (position === index ? { ...row, ...changes } : row)),
    }));
    errors.clear(...Object.keys(changes).map((field) => `variants.${index}.${field}`), 'variants');
  };
  const removedVariants = product
    ? product.variants.filter((variant) => !values.variants.some((row) => row.id === variant.id))
    : [];

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    errors.reset();
    const { body, problems } = toInput(values);
    if (!errors.reportLocal(problems)) return;
    // Saving removes the variants taken out of the list: say so before it happens.
    if (removedVariants.length > 0) setConfirmRemoval(body);
    else mutation.mutate(body);
  };

  const topLevel = (categories.data ?? []).filter((category) => !category.parentCode);
  const childrenOf = (code: string) => (categories.data ?? []).filter((category) => category.parentCode === code);
  const categoryLabel = (category: { nameVi: string; nameEn: string }) =>
    language === 'vi' ? category.nameVi : category.nameEn;

  return (
    <>
      <form
        ref={attachForm}
        className="form"
        noValidate
        onSubmit={submit}
        aria-busy={mutation.isPending}
        data-testid="product-form"
      >
        <FormError failure={errors.failure} title={t('productForm.failed')} />
        <Field label={t('productForm.name')} hint={t('productForm.nameHint')} error={error('name')}>
          {(control) => (
            <input {...control} name="name" value={values.name} onChange={(event) => set('name', event.target.value)} />
          )}
        </Field>
        <div className="form-grid">
          <Field
            label={t('productForm.category')}
            error={error('categoryCode')}
            hint={categories.isError ? t('productForm.categoriesError') : undefined}
          >
            {(control) => (
              <select
                {...control}
                name="categoryCode"
                value={values.categoryCode}
                disabled={!categories.data}
                onChange={(event) => set('categoryCode', event.target.value)}
              >
                <option value="">{categories.data ? t('productForm.chooseCategory') : t('common.loading')}</option>
                {topLevel.map((parent) => {
                  const children = childrenOf(parent.code);
                  return children.length > 0 ? (
                    <optgroup key={parent.code} label={categoryLabel(parent)}>
                      <option value={parent.code}>
                        {t('productForm.wholeCategory', { name: categoryLabel(parent) })}
                      </option>
                      {children.map((child) => (
                        <option key={child.code} value={child.code}>
                          {categoryLabel(child)}
                        </option>
                      ))}
                    </optgroup>
                  ) : (
                    <option key={parent.code} value={parent.code}>
                      {categoryLabel(parent)}
                    </option>
                  );
                })}
              </select>
            )}
          </Field>
          <Field
            label={t('productForm.packaging')}
            hint={t('productForm.packagingHint')}
            error={error('packagingMaterial')}
          >
            {(control) => (
              <select
                {...control}
                name="packagingMaterial"
                value={values.packagingMaterial}
                onChange={(event) => set('packagingMaterial', event.target.value as Packaging | '')}
              >
                <option value="">{t('productForm.packagingNone')}</option>
                {PACKAGING.map((material) => (
                  <option key={material} value={material}>
                    {t(`packaging.${material}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field
          label={t('productForm.growingAreaCode')}
          hint={t('productForm.growingAreaHint')}
          optional={t('common.optional')}
          error={error('growingAreaCode')}
        >
          {(control) => (
            <input
              {...control}
              name="growingAreaCode"
              autoComplete="off"
              value={values.growingAreaCode}
              onChange={(event) => set('growingAreaCode', event.target.value)}
            />
          )}
        </Field>
        <Field
          label={t('productForm.description')}
          hint={t('productForm.descriptionHint')}
          optional={t('common.optional')}
          error={error('descriptionHtml')}
        >
          {(control) => (
            <textarea
              {...control}
              name="description"
              rows={6}
              value={values.description}
              onChange={(event) => set('description', event.target.value)}
            />
          )}
        </Field>

        <fieldset className="form-section variants" aria-describedby="variants-hint">
          <legend>{t('productForm.variants')}</legend>
          <p id="variants-hint" className="hint">
            {t('productForm.variantsHint')}
          </p>
          {error('variants') ? <p className="field-error">{error('variants')}</p> : null}
          <ol className="variant-list">
            {values.variants.map((row, index) => (
              <li key={row.key} className="variant-row" data-testid="variant-row">
                <p className="variant-title">
                  {t('productForm.variantNumber', { number: index + 1 })}
                  {row.id ? null : <span className="muted small"> · {t('productForm.variantNew')}</span>}
                </p>
                <div className="variant-grid">
                  <Field
                    label={t('productForm.variantLabel')}
                    hint={index === 0 ? t('productForm.variantLabelHint') : undefined}
                    error={error(`variants.${index}.label`)}
                  >
                    {(control) => (
                      <input
                        {...control}
                        name={`variants.${index}.label`}
                        value={row.label}
                        onChange={(event) => setVariant(index, { label: event.target.value })}
                      />
                    )}
                  </Field>
                  <Field label={t('productForm.sku')} error={error(`variants.${index}.sku`)}>
                    {(control) => (
                      <input
                        {...control}
                        name={`variants.${index}.sku`}
                        autoComplete="off"
                        spellCheck={false}
                        value={row.sku}
                        onChange={(event) => setVariant(index, { sku: event.target.value })}
                      />
                    )}
                  </Field>
                  <Field label={t('productForm.price')} error={error(`variants.${index}.price`)}>
                    {(control) => (
                      <div className="input-suffix">
                        <input
                          {...control}
                          name={`variants.${index}.price`}
                          inputMode="numeric"
                          value={row.price}
                          onChange={(event) => setVariant(index, { price: event.target.value })}
                        />
                        <span aria-hidden="true">₫</span>
                      </div>
                    )}
                  </Field>
                  <Field label={t('productForm.stock')} error={error(`variants.${index}.stock`)}>
                    {(control) => (
                      <input
                        {...control}
                        name={`variants.${index}.stock`}
                        inputMode="numeric"
                        value={row.stock}
                        onChange={(event) => setVariant(index, { stock: event.target.value })}
                      />
                    )}
                  </Field>
                  <Field
                    label={t('productForm.weight')}
                    optional={t('common.optional')}
                    error={error(`variants.${index}.weightGrams`)}
                  >
                    {(control) => (
                      <div className="input-suffix">
                        <input
                          {...control}
                          name={`variants.${index}.weightGrams`}
                          inputMode="numeric"
                          value={row.weightGrams}
                          onChange={(event) => setVariant(index, { weightGrams: event.target.value })}
                        />
                        <span aria-hidden="true">g</span>
                      </div>
                    )}
                  </Field>
                  <Field
                    label={t('productForm.gtin')}
                    optional={t('common.optional')}
                    error={error(`variants.${index}.gtin`)}
                  >
                    {(control) => (
                      <input
                        {...control}
                        name={`variants.${index}.gtin`}
                        inputMode="numeric"
                        autoComplete="off"
                        value={row.gtin}
                        onChange={(event) => setVariant(index, { gtin: event.target.value })}
                      />
                    )}
                  </Field>
                </div>
                <div className="variant-actions">
                  <label className="inline-check">
                    <input
                      type="checkbox"
                      checked={row.active}
                      onChange={(event) => setVariant(index, { active: event.target.checked })}
                    />
                    {t('productForm.active')}
                  </label>
                  {values.variants.length > 1 ? (
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      onClick={() =>
                        setValues((current) => ({
                          ...current,
                          variants: current.variants.filter((_, position) => position !== index),
                        }))
                      }
                    >
                      {t('productForm.removeVariant')}
                      <span className="visually-hidden"> {index + 1}</span>
                    </button>
                  ) : null}
                </div>
              </li>
            ))}
          </ol>
          {values.variants.length < MAX_VARIANTS ? (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setValues((current) => ({ ...current, variants: [...current.variants, newRow()] }))}
            >
              {t('productForm.addVariant')}
            </button>
          ) : null}
        </fieldset>

        <div className="form-actions">
          <button type="submit" className="button" disabled={mutation.isPending}>
            {mutation.isPending ? <span className="spinner" aria-hidden="true" /> : null}
            {mutation.isPending ? t('common.saving') : submitLabel}
          </button>
          {mutation.isSuccess && product ? (
            <p className="notice notice-success inline-notice" role="status">
              {t('productForm.saved')}
            </p>
          ) : null}
        </div>
      </form>

      <ConfirmDialog
        open={confirmRemoval !== null}
        title={tn('productForm.removeTitle', removedVariants.length)}
        confirmLabel={t('productForm.removeConfirm')}
        onConfirm={() => {
          if (confirmRemoval) mutation.mutate(confirmRemoval);
          setConfirmRemoval(null);
        }}
        onCancel={() => setConfirmRemoval(null)}
      >
        <p>{t('productForm.removeBody')}</p>
        <ul>
          {removedVariants.map((variant) => (
            <li key={variant.id}>
              {variant.label} ({variant.sku})
            </li>
          ))}
        </ul>
      </ConfirmDialog>
    </>
  );
}
