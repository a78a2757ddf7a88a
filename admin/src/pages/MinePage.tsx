import { QueueView } from '../queue/QueueView.js';

export default function MinePage() {
  return <QueueView mine />;
}
