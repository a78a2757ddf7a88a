// Lists of objects (responsables, enfants, contacts…): every item always open as a fieldset
// with its legend ("Responsables légaux n° 1"), a labelled delete button, and "Ajouter" at the
// end. Replaces material's expand panels, whose delete button sits inside the panel's own
// button (nested interactive controls, a keyboard and screen-reader trap).
import { useEffect, useMemo, useRef } from 'react';
import {
  composePaths,
  createDefaultValue,
  findUISchema,
  isObjectArrayControl,
  rankWith,
  type ArrayLayoutProps,
  type JsonSchema,
} from '@jsonforms/core';
import { JsonFormsDispatch, withJsonFormsArrayLayoutProps } from '@jsonforms/react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormHelperText from '@mui/material/FormHelperText';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutline';

function ObjectList(props: ArrayLayoutProps) {
  const { data, path, schema, uischema, uischemas, rootSchema, renderers, cells, label, required, errors, enabled, visible, addItem, removeItems, arraySchema, description } = props;
  const detail = useMemo(
    () => findUISchema(uischemas ?? [], schema, uischema.scope, path, undefined, uischema as never, rootSchema),
    [uischemas, schema, uischema, path, rootSchema],
  );
  const list = useRef<HTMLDivElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const previous = useRef(data);
  // After adding, focus the new item's first field; after deleting, the add button.
  useEffect(() => {
    if (data > previous.current) {
      list.current?.querySelector<HTMLElement>(`[data-item="${data - 1}"] input, [data-item="${data - 1}"] [role=combobox]`)?.focus();
    } else if (data < previous.current) addButton.current?.focus();
    previous.current = data;
  }, [data]);
  if (!visible) return null;
  const min = (arraySchema as JsonSchema & { minItems?: number }).minItems ?? 0;
  const max = (arraySchema as JsonSchema & { maxItems?: number }).maxItems ?? Infinity;
  const options = (uischema.options ?? {}) as { disableAdd?: boolean; disableRemove?: boolean };
  const title = label || 'Élément';
  return (
    <Box component="section" aria-label={title} sx={{ my: 1 }} ref={list}>
      <Typography component="p" sx={{ fontWeight: 700, fontSize: '1.05rem' }}>
        {title}
        {required && <span aria-hidden="true"> *</span>}
      </Typography>
      {description && <Typography variant="body2">{description}</Typography>}
      {errors && <FormHelperText error>{errors}</FormHelperText>}
      {data === 0 && <Typography color="text.secondary" sx={{ my: 1 }}>Aucun élément pour le moment.</Typography>}
      {Array.from({ length: data }, (_, index) => {
        const itemPath = composePaths(path, `${index}`);
        const name = `${title} n° ${index + 1}`;
        return (
          <Box key={index} component="fieldset" data-item={index} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: { xs: 1.5, sm: 2 }, my: 1.5, minWidth: 0 }}>
            <Typography component="legend" sx={{ px: 0.5, fontWeight: 700 }}>{name}</Typography>
            <JsonFormsDispatch schema={schema} uischema={detail} path={itemPath} enabled={enabled} renderers={renderers} cells={cells} />
            {enabled && removeItems && !options.disableRemove && data > min && (
              <Button color="error" startIcon={<DeleteIcon />} onClick={removeItems(path, [index])} sx={{ mt: 1 }} aria-label={`Supprimer ${name}`}>
                Supprimer
              </Button>
            )}
          </Box>
        );
      })}
      {enabled && !options.disableAdd && data < max && (
        <Button ref={addButton} variant="outlined" startIcon={<AddIcon />} onClick={addItem(path, createDefaultValue(schema, rootSchema))} aria-label={`Ajouter : ${title}`}>
          Ajouter
        </Button>
      )}
    </Box>
  );
}

export const objectListTester = rankWith(5, isObjectArrayControl);
export const ObjectListRenderer = withJsonFormsArrayLayoutProps(ObjectList);
