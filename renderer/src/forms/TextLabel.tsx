// The UI schema's Label element as a paragraph of text (never HTML, never a heading).
import type { LabelProps } from '@jsonforms/core';
import { withJsonFormsLabelProps } from '@jsonforms/react';
import Typography from '@mui/material/Typography';

function TextLabel({ text, visible }: LabelProps) {
  if (!visible || !text) return null;
  return <Typography sx={{ whiteSpace: 'pre-line', my: 1 }}>{text}</Typography>;
}

export const TextLabelRenderer = withJsonFormsLabelProps(TextLabel);
