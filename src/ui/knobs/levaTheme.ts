/**
 * Leva's colours for the studio's light and dark themes (leva styles itself with stitches tokens, not with
 * our CSS), a wider label column so "blend-to seed" and the extrapolation mark fit, and number fields wide
 * enough for "-0.25" or "273.5" (leva's 38 px cut them to "-0.2" and "273.").
 */
const sizes = { rootWidth: '100%', controlWidth: '58%', rowHeight: '24px', numberInputMinWidth: '52px' };

const dark = {
  colors: {
    elevation1: '#292d39',
    elevation2: '#1d2027',
    elevation3: '#373c4b',
    accent1: '#0066dc',
    accent2: '#007bff',
    accent3: '#3c93ff',
    highlight1: '#6b707c',
    highlight2: '#a3a9ba',
    highlight3: '#fefefe',
    vivid1: '#ffb020',
  },
  sizes,
};

const light = {
  colors: {
    elevation1: '#e6e8ee',
    elevation2: '#f7f8fa',
    elevation3: '#d3d7e0',
    accent1: '#0a5fc7',
    accent2: '#1a73e8',
    accent3: '#4d94f0',
    highlight1: '#8a8f9c',
    highlight2: '#4a4f5c',
    highlight3: '#14161b',
    vivid1: '#b86e00',
    folderTextColor: '#14161b',
    toolTipBackground: '#14161b',
    toolTipText: '#f7f8fa',
  },
  sizes,
};

export function levaTheme(theme: 'light' | 'dark') {
  return theme === 'light' ? light : dark;
}
