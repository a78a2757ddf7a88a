// HorizontalLayout that stacks on a phone (material's keeps every field on one line, three
// inputs of 100 px each at 360 px wide).
import { rankWith, uiTypeIs, type LayoutProps, type HorizontalLayout } from '@jsonforms/core';
import { JsonFormsDispatch, withJsonFormsLayoutProps } from '@jsonforms/react';
import Box from '@mui/material/Box';

function ResponsiveRow({ uischema, schema, path, enabled, visible, renderers, cells }: LayoutProps) {
  if (!visible) return null;
  const elements = (uischema as HorizontalLayout).elements ?? [];
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: `repeat(${Math.max(elements.length, 1)}, minmax(0, 1fr))` } }}>
      {elements.map((element, i) => (
        <Box key={i} sx={{ minWidth: 0 }}>
          <JsonFormsDispatch uischema={element} schema={schema} path={path} enabled={enabled} renderers={renderers} cells={cells} />
        </Box>
      ))}
    </Box>
  );
}

export const responsiveRowTester = rankWith(3, uiTypeIs('HorizontalLayout'));
export const ResponsiveRowRenderer = withJsonFormsLayoutProps(ResponsiveRow);
