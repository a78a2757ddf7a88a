import { QueueView } from '../queue/QueueView.js';

export default function QueuesPage() {
  return <QueueView mine={false} />;
}
